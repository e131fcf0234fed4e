package org.grassroots.shell;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reference data — appeal categories, region nodes — that nearly every request reads and an admin changes a few
 * times a year. Each app node keeps what it has read for a while ({@code grassroots.reference-data.kept-for},
 * 30 seconds): a change made on this node is seen at once (its owner {@link Reads#forget forgets} the entry),
 * one made on another node within that time.
 */
@Component
public class ReferenceData {

	private final Duration keptFor;

	public ReferenceData(@Value("${grassroots.reference-data.kept-for:PT30S}") Duration keptFor) {
		this.keptFor = keptFor;
	}

	/** Reads kept by key, at most {@code atMost} of them (past that the kept ones are dropped). */
	public <K, V> Reads<K, V> reads(int atMost) {
		return new Reads<>(keptFor.toNanos(), atMost);
	}

	/** What one owner has read, by key, each with the time it was read. */
	public static final class Reads<K, V> {

		private record Kept<V>(V value, long readAt) {
		}

		private final long keptForNanos;
		private final int atMost;
		private final Map<K, Kept<V>> kept = new ConcurrentHashMap<>();

		private Reads(long keptForNanos, int atMost) {
			this.keptForNanos = keptForNanos;
			this.atMost = atMost;
		}

		/**
		 * The value kept under {@code key} if read within the kept time, otherwise what {@code read} finds now. What
		 * it finds is kept; nothing found is not kept, so a row added on another node is found at once.
		 */
		public Optional<V> get(K key, Supplier<Optional<V>> read) {
			long now = System.nanoTime();
			Kept<V> known = kept.get(key);
			if (known != null && now - known.readAt() <= keptForNanos) {
				return Optional.of(known.value());
			}
			Optional<V> value = read.get();
			value.ifPresent(v -> {
				if (kept.size() >= atMost) {
					kept.clear();
				}
				kept.put(key, new Kept<>(v, now));
			});
			return value;
		}

		/**
		 * The values kept under {@code keys} if read within the kept time; the others read together by
		 * {@code readMissing} (one query for all of them, not one each) and kept. Keys found nowhere are left out.
		 */
		public Map<K, V> getAll(java.util.Collection<K> keys, java.util.function.Function<java.util.Set<K>, Map<K, V>> readMissing) {
			long now = System.nanoTime();
			Map<K, V> found = new java.util.HashMap<>();
			java.util.Set<K> missing = new java.util.HashSet<>();
			for (K key : keys) {
				Kept<V> known = kept.get(key);
				if (known != null && now - known.readAt() <= keptForNanos) {
					found.put(key, known.value());
				}
				else {
					missing.add(key);
				}
			}
			if (!missing.isEmpty()) {
				readMissing.apply(missing).forEach((key, value) -> {
					if (kept.size() >= atMost) {
						kept.clear();
					}
					kept.put(key, new Kept<>(value, now));
					found.put(key, value);
				});
			}
			return found;
		}

		/**
		 * Forgets what is kept under {@code key} after its owner changed it: now, and again once the change's
		 * transaction completes, so that a read in between does not keep the old row.
		 */
		public void forget(K key) {
			kept.remove(key);
			if (TransactionSynchronizationManager.isSynchronizationActive()) {
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
					@Override
					public void afterCompletion(int status) {
						kept.remove(key);
					}
				});
			}
		}

	}

}
