package org.grassroots.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's load generator: HTTP/1.1 on one kept-alive connection to 127.0.0.1, written and read on the
 * calling thread. The load shares this machine's two cores with the server it measures; the JDK's HttpClient
 * hands every exchange between its selector and worker threads, and those wake-ups and its own CPU were counted
 * against the application (a sixth of this JVM's samples in an intake profile) and spread the latencies it
 * timed. A client per thread; not thread-safe.
 */
final class LoopbackHttp implements Closeable {

	record Response(int status, String body) {
	}

	private final int port;
	private Socket socket;
	private InputStream in;
	private OutputStream out;

	LoopbackHttp(int port) {
		this.port = port;
	}

	Response get(String target, String authorization) throws IOException {
		return exchange("GET", target, authorization, null, null);
	}

	Response post(String target, String authorization, String contentType, byte[] body) throws IOException {
		return exchange("POST", target, authorization, contentType, body);
	}

	/** Sends one request and reads its whole answer; a connection the server closed is opened again once. */
	private Response exchange(String method, String target, String authorization, String contentType, byte[] body)
			throws IOException {
		StringBuilder head = new StringBuilder(256).append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
			.append("Host: 127.0.0.1:").append(port).append("\r\n");
		if (authorization != null) {
			head.append("Authorization: ").append(authorization).append("\r\n");
		}
		if (body != null) {
			head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length).append("\r\n");
		}
		byte[] request = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
		boolean reused = socket != null;
		try {
			return exchangeOn(request, body);
		}
		catch (IOException closed) {
			close();
			if (!reused) {
				throw closed;
			}
			return exchangeOn(request, body);
		}
	}

	private Response exchangeOn(byte[] head, byte[] body) throws IOException {
		if (socket == null) {
			socket = new Socket(InetAddress.getLoopbackAddress(), port);
			socket.setTcpNoDelay(true);
			socket.setSoTimeout(30_000);
			in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
			out = socket.getOutputStream();
		}
		if (body == null) {
			out.write(head);
		}
		else {
			byte[] whole = new byte[head.length + body.length];
			System.arraycopy(head, 0, whole, 0, head.length);
			System.arraycopy(body, 0, whole, head.length, body.length);
			out.write(whole);
		}
		out.flush();
		String status = line();
		if (status == null || !status.startsWith("HTTP/1.1 ")) {
			throw new IOException("no answer: " + status);
		}
		int code = Integer.parseInt(status.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		boolean close = false;
		for (String header = line(); header != null && !header.isEmpty(); header = line()) {
			int colon = header.indexOf(':');
			String name = header.substring(0, colon).strip();
			String value = header.substring(colon + 1).strip();
			if (name.equalsIgnoreCase("Content-Length")) {
				length = Long.parseLong(value);
			}
			else if (name.equalsIgnoreCase("Transfer-Encoding")) {
				chunked = value.equalsIgnoreCase("chunked");
			}
			else if (name.equalsIgnoreCase("Connection")) {
				close = value.equalsIgnoreCase("close");
			}
		}
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		if (chunked) {
			for (long size = Long.parseLong(line().split(";")[0].strip(), 16); size > 0; size = Long.parseLong(line().split(";")[0].strip(), 16)) {
				copy(size, content);
				line();
			}
			for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
				// trailers are not used
			}
		}
		else if (length > 0) {
			copy(length, content);
		}
		if (close) {
			close();
		}
		return new Response(code, content.toString(StandardCharsets.UTF_8));
	}

	private void copy(long size, ByteArrayOutputStream to) throws IOException {
		byte[] buffer = new byte[(int) Math.min(size, 8192)];
		for (long left = size; left > 0;) {
			int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
			if (n < 0) {
				throw new IOException("the answer ended early");
			}
			to.write(buffer, 0, n);
			left -= n;
		}
	}

	/** One header line without its CRLF, or null at the end of the stream. */
	private String line() throws IOException {
		StringBuilder line = new StringBuilder(64);
		for (int b = in.read(); b >= 0; b = in.read()) {
			if (b == '\n') {
				int end = line.length();
				return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
			}
			line.append((char) b);
		}
		return line.isEmpty() ? null : line.toString();
	}

	@Override
	public void close() {
		if (socket != null) {
			try {
				socket.close();
			}
			catch (IOException ignored) {
				// closing anyway
			}
		}
		socket = null;
		in = null;
		out = null;
	}

}
