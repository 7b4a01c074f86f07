package org.attc.tracker.xapi.internal.store;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 keep-alive connection that POSTs JSON bodies, for the benchmarks. The
 * JDK's {@code HttpClient} cost the benchmark's JVM about 1 ms of CPU per request, a
 * third of what single-statement requests cost the whole machine, so on two cores the
 * client, not the service, set the rate; a load generator must cost next to nothing
 * (wrk's share is a few per cent). Not a general client: no redirects, no TLS, no
 * pipelining; answers with {@code Content-Length} or chunked bodies.
 */
final class KeepAliveClient implements Closeable {

	private final String host;

	private final int port;

	private final byte[] headers;

	private Socket socket;

	private OutputStream out;

	private InputStream in;

	/**
	 * @param headers the request's fixed header lines, each ending in CRLF
	 */
	KeepAliveClient(String host, int port, String headers) {
		this.host = host;
		this.port = port;
		this.headers = headers.getBytes(StandardCharsets.ISO_8859_1);
	}

	/** The answer: status and body. */
	record Answer(int status, String body) {
	}

	Answer post(String path, String body) throws IOException {
		byte[] content = body.getBytes(StandardCharsets.UTF_8);
		for (int attempt = 0;; attempt++) {
			try {
				connect();
				this.out.write(("POST " + path + " HTTP/1.1\r\nHost: " + this.host + ":" + this.port + "\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
				this.out.write(this.headers);
				this.out
					.write(("Content-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
				this.out.write(content);
				this.out.flush();
				return read();
			}
			catch (IOException ex) {
				// the server closed an idle connection: one fresh attempt
				close();
				if (attempt > 0) {
					throw ex;
				}
			}
		}
	}

	private void connect() throws IOException {
		if (this.socket == null) {
			this.socket = new Socket();
			this.socket.setTcpNoDelay(true);
			this.socket.connect(new InetSocketAddress(this.host, this.port), 5_000);
			this.socket.setSoTimeout(120_000);
			this.out = this.socket.getOutputStream();
			this.in = new BufferedInputStream(this.socket.getInputStream(), 16 * 1024);
		}
	}

	private Answer read() throws IOException {
		String status = line();
		if (!status.startsWith("HTTP/1.1 ")) {
			throw new IOException("not an HTTP/1.1 answer: " + status);
		}
		int code = Integer.parseInt(status.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		boolean close = false;
		for (String header = line(); !header.isEmpty(); header = line()) {
			int colon = header.indexOf(':');
			String name = header.substring(0, colon).trim();
			String value = header.substring(colon + 1).trim();
			if (name.equalsIgnoreCase("Content-Length")) {
				length = Long.parseLong(value);
			}
			else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
				chunked = true;
			}
			else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
				close = true;
			}
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (chunked) {
			for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0; size = Integer
				.parseInt(line().split(";")[0].trim(), 16)) {
				body.write(this.in.readNBytes(size));
				line();
			}
			// trailers end with an empty line
			while (!line().isEmpty()) {
				// ignored
			}
		}
		else if (length > 0) {
			body.write(this.in.readNBytes((int) length));
		}
		if (close) {
			close();
		}
		return new Answer(code, body.toString(StandardCharsets.UTF_8));
	}

	private String line() throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = this.in.read(); c != '\n'; c = this.in.read()) {
			if (c < 0) {
				throw new IOException("connection closed by the server");
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	@Override
	public void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
			this.socket = null;
		}
	}

}
