package org.grassroots.shell.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Nobody meets a half-started node. The web server opens before the start-up work (migrations are
 * done by then, but the demo county, its accounts and the rollup backfill run after): until the
 * application is ready, every page answers 503 with a short page that reloads itself, and the API a
 * 503 problem with Retry-After. Signing in during that window used to fail as a wrong password.
 * Readiness is also logged, with the address, so the README's first command says when to open it.
 */
@Configuration(proxyBeanMethods = false)
class StartupGate {

	private static final Logger log = LoggerFactory.getLogger(StartupGate.class);

	private volatile boolean ready;

	@EventListener
	void on(ApplicationReadyEvent event) {
		ready = true;
		if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
			log.info("Grassroots is ready: open http://localhost:{}/ (demo accounts, if loaded, are in the README)",
					web.getWebServer().getPort());
		}
	}

	boolean ready() {
		return ready;
	}

	@Bean
	FilterRegistrationBean<Gate> startupGateFilter() {
		FilterRegistrationBean<Gate> registration = new FilterRegistrationBean<>(new Gate(this));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	static final class Gate extends OncePerRequestFilter {

		static final String PAGE = """
				<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="3">
				<title>正在启动 · Starting</title></head>
				<body style="font-family:sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;line-height:1.6">
				<h1 style="font-size:1.25rem">系统正在启动，请稍候……</h1>
				<p>正在准备数据（首次启动会载入演示县），完成后本页自动打开。</p>
				<p lang="en" style="color:#666">Grassroots is starting and preparing its data; this page reloads by itself.</p>
				</body></html>
				""";

		private final StartupGate gate;

		Gate(StartupGate gate) {
			this.gate = gate;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (gate.ready() || request.getRequestURI().startsWith(request.getContextPath() + "/actuator")) {
				chain.doFilter(request, response);
				return;
			}
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			response.setHeader("Retry-After", "5");
			response.setHeader("Cache-Control", "no-store");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			String path = request.getRequestURI().substring(request.getContextPath().length());
			if (path.startsWith("/api/") || path.startsWith("/open311/")) {
				response.setContentType("application/problem+json");
				response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
						+ "\"detail\":\"starting up; retry shortly\"}");
			}
			else {
				response.setContentType("text/html");
				response.getWriter().write(PAGE);
			}
		}

	}

}
