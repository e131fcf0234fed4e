package org.grassroots.appeals.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.grassroots.appeals.web.PosterAddress.Reach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class PosterAddressTests {

	@Test
	void an_address_of_this_machine_or_of_no_machine_is_not_printed() {
		for (String host : new String[] { "localhost", "LOCALHOST", "app.localhost", "localhost.", "127.0.0.1", "127.8.9.10",
				"[::1]", "::1", "0.0.0.0", "[::]", "169.254.10.20", "[fe80::1]", "[::ffff:127.0.0.1]", "127.1", "2130706433",
				"0x7f000001", "300.1.1.1", "224.0.0.1", "0.1.2.3", "" }) {
			assertThat(PosterAddress.reachOf(host)).as(host).isEqualTo(Reach.UNREACHABLE);
		}
	}

	@Test
	void an_address_of_a_local_network_is_printed_with_a_warning() {
		for (String host : new String[] { "10.0.0.5", "172.16.0.1", "172.31.255.254", "192.168.1.20", "100.64.0.1",
				"[fd12:3456::1]", "jczz", "server.local", "jczz.lan", "app.internal", "nas.home.arpa" }) {
			assertThat(PosterAddress.reachOf(host)).as(host).isEqualTo(Reach.LOCAL_NETWORK);
		}
	}

	@Test
	void an_address_phones_on_the_internet_reach_is_printed() {
		for (String host : new String[] { "jczz.qingshan.gov.cn", "203.0.113.7", "172.32.0.1", "8.8.8.8", "[2001:db8::7]",
				"grassroots.example.org." }) {
			assertThat(PosterAddress.reachOf(host)).as(host).isEqualTo(Reach.PUBLIC);
		}
	}

	@Test
	void without_a_configured_address_the_one_the_cadre_used_is_judged_and_a_refused_one_gives_no_url() {
		MockHttpServletRequest loopback = new MockHttpServletRequest("GET", "/qr/62079910020101");
		loopback.addHeader("Host", "127.0.0.1:8080");
		PosterAddress refused = PosterAddress.of(null, loopback);
		assertThat(refused.printable()).isFalse();
		assertThat(refused.host()).isEqualTo("127.0.0.1");
		assertThat(refused.intakeUrl("62079910020101")).isNull();

		MockHttpServletRequest lan = new MockHttpServletRequest("GET", "/qr/62079910020101");
		lan.addHeader("Host", "192.168.1.20:8080");
		lan.setContextPath("/jczz");
		PosterAddress local = PosterAddress.of(null, lan);
		assertThat(local.reach()).isEqualTo(Reach.LOCAL_NETWORK);
		assertThat(local.intakeUrl("62079910020101")).isEqualTo("http://192.168.1.20:8080/jczz/q/62079910020101");
	}

	@Test
	void a_configured_address_is_used_whatever_host_the_request_names() {
		MockHttpServletRequest forged = new MockHttpServletRequest("GET", "/qr/62079910020101");
		forged.addHeader("Host", "attacker.example");
		PosterAddress address = PosterAddress.of(PosterAddress.configured(" https://jczz.qingshan.gov.cn/app// "), forged);
		assertThat(address.reach()).isEqualTo(Reach.CONFIGURED);
		assertThat(address.intakeUrl("62079910020101")).isEqualTo("https://jczz.qingshan.gov.cn/app/q/62079910020101");
	}

	@Test
	void a_configured_address_that_is_not_an_absolute_web_address_stops_the_start() {
		assertThat(PosterAddress.configured("")).isNull();
		assertThat(PosterAddress.configured(null)).isNull();
		for (String wrong : new String[] { "jczz.qingshan.gov.cn", "ftp://jczz.qingshan.gov.cn", "https://jczz.qingshan.gov.cn/?a=1",
				"https://jczz.qingshan.gov.cn/#top", "https:///q", "http://bad host/" }) {
			assertThatThrownBy(() -> PosterAddress.configured(wrong)).as(wrong).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("GRASSROOTS_PUBLIC_BASE_URL");
		}
	}

}
