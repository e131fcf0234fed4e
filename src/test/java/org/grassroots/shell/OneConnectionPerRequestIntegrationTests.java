package org.grassroots.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A list's request holds one database connection at a time: a query from a row mapper (a region's name read per row,
 * say) takes a second one while the list's is held, and sixteen readers then wait on each other for the pool until
 * requests fail. Reference data is not kept here (kept-for 0), so a read per row cannot hide behind what is kept.
 */
@TestPropertySource(properties = "grassroots.reference-data.kept-for=PT0S")
@Import(OneConnectionPerRequestIntegrationTests.Watch.class)
class OneConnectionPerRequestIntegrationTests extends IntegrationTestSupport {

	/** Connections this thread holds now, and the most it held at once since the last {@link #reset}. */
	static final ThreadLocal<int[]> HELD = ThreadLocal.withInitial(() -> new int[2]);

	/** Where the first second connection was taken (the application's frames), for the failure message. */
	static final ThreadLocal<String> WHERE = new ThreadLocal<>();

	static void reset() {
		HELD.get()[1] = HELD.get()[0];
		WHERE.remove();
	}

	static int most() {
		return HELD.get()[1];
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Watch {

		@Bean
		static BeanPostProcessor connectionWatch() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					return bean instanceof DataSource source ? watched(source) : bean;
				}
			};
		}

		private static DataSource watched(DataSource source) {
			return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
					(proxy, method, args) -> {
						Object result = invoke(method, source, args);
						if (result instanceof Connection connection && method.getName().equals("getConnection")) {
							int[] held = HELD.get();
							held[0]++;
							held[1] = Math.max(held[1], held[0]);
							if (held[0] > 1 && WHERE.get() == null) {
								WHERE.set(java.util.Arrays.stream(new Throwable().getStackTrace())
									.filter(f -> f.getClassName().startsWith("org.grassroots") && !f.getClassName().contains("OneConnection"))
									.limit(4).map(StackTraceElement::toString).collect(java.util.stream.Collectors.joining(" < ")));
							}
							return counted(connection, held);
						}
						return result;
					});
		}

		private static Connection counted(Connection connection, int[] held) {
			boolean[] closed = {false};
			return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
					(proxy, method, args) -> {
						if (method.getName().equals("close") && !closed[0]) {
							closed[0] = true;
							held[0]--;
						}
						return invoke(method, connection, args);
					});
		}

		private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
			try {
				return method.invoke(target, args);
			}
			catch (InvocationTargetException failed) {
				throw failed.getCause();
			}
		}

	}

	@Test
	void every_list_and_export_reads_its_rows_on_one_connection() throws Exception {
		List<String> lists = List.of("/api/v1/appeals?size=50", "/appeals", "/appeals/inbox", "/api/v1/appeals/inbox",
				"/appeals/export", "/appeals/hotline", "/appeals/hotline/export", "/api/v1/disputes", "/disputes",
				"/disputes/export", "/disputes/screenings", "/disputes/professionals", "/api/v1/disputes/professionals",
				"/api/v1/petitions", "/petitions", "/petitions/export", "/api/v1/visits", "/fieldwork/visits",
				"/fieldwork/visits/export", "/fieldwork/assignments", "/api/v1/assignments", "/api/v1/coverage/chain",
				"/fieldwork", "/api/v1/residents", "/registry/residents", "/registry/households", "/api/v1/disputes/residents?q=李");
		List<String> two = new ArrayList<>();
		for (String user : List.of("admin", "qinghe.leader", "gaomiao.cadre")) {
			for (String list : lists) {
				reset();
				int status = mvc.perform(get(list).with(as(user))).andReturn().getResponse().getStatus();
				assertThat(status).as(user + " " + list).isLessThan(500);
				if (most() > 1) {
					two.add(user + " " + list + ": " + most() + " at " + WHERE.get());
				}
			}
		}
		assertThat(two).as("requests that held more than one connection at once").isEmpty();
	}

}
