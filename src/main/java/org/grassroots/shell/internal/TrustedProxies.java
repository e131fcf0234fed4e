package org.grassroots.shell.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.apache.catalina.Valve;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Which addresses may say who the client is. Tomcat reads {@code X-Forwarded-For} and {@code X-Forwarded-Proto}
 * ({@code server.forward-headers-strategy=native}), but only from the reverse proxies named in
 * {@code grassroots.security.trusted-proxies} ({@code GRASSROOTS_TRUSTED_PROXIES}: addresses or CIDR ranges, comma
 * separated), and from nobody when it is empty (the default: Tomcat's own default trusts every private address, so
 * any neighbour on the LAN could choose its address for the rate limits). Behind a named proxy the client's address
 * (rate limits, the audit trail) is the one the proxy saw, and a request that reached the proxy over TLS is secure
 * (HSTS, the session cookie's {@code Secure}).
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered {

	private final String cidrs;

	TrustedProxies(@Value("${grassroots.security.trusted-proxies:}") String trusted) {
		this.cidrs = cidrs(trusted);
	}

	@Override
	public void customize(TomcatWebServerFactory factory) {
		List<RemoteIpValve> valves = new ArrayList<>();
		for (Valve valve : factory.getEngineValves()) {
			if (valve instanceof RemoteIpValve remoteIp) {
				valves.add(remoteIp);
			}
		}
		if (valves.isEmpty() && !cidrs.isEmpty()) {
			RemoteIpValve valve = new RemoteIpValve();
			valve.setRemoteIpHeader("X-Forwarded-For");
			valve.setProtocolHeader("X-Forwarded-Proto");
			factory.addEngineValves(valve);
			valves.add(valve);
		}
		for (RemoteIpValve valve : valves) {
			// empty: no address is trusted (Tomcat's default regular expression trusts 10/8, 192.168/16, 172.16/12 …)
			valve.setInternalProxies(cidrs);
			valve.setTrustedProxies(null);
		}
	}

	/** After Spring Boot's own customizer, which adds the valve. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/** The setting as Tomcat's CIDR list: each bare address becomes a range of one. */
	static String cidrs(String trusted) {
		List<String> ranges = new ArrayList<>();
		for (String entry : trusted == null ? new String[0] : trusted.split(",")) {
			String address = entry.strip();
			if (address.isEmpty()) {
				continue;
			}
			String host = address.contains("/") ? address.substring(0, address.indexOf('/')) : address;
			if (!host.matches("[0-9A-Fa-f:.]+")) {
				throw new IllegalArgumentException("grassroots.security.trusted-proxies: not an address or CIDR range: " + address);
			}
			try {
				InetAddress parsed = InetAddress.getByName(host);
				ranges.add(address.contains("/") ? address : host + (parsed.getAddress().length == 4 ? "/32" : "/128"));
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException("grassroots.security.trusted-proxies: not an address: " + address, ex);
			}
		}
		return String.join(", ", ranges);
	}

}
