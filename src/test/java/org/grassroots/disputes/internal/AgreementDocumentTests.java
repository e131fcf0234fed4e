package org.grassroots.disputes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.grassroots.disputes.DisputeStatus;
import org.grassroots.disputes.DisputeType;
import org.grassroots.disputes.internal.DisputeCase.Mediator;
import org.grassroots.disputes.internal.DisputeCase.Party;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The printed agreement read back with the PDF library: the legal phrases with Chinese numerals, a signature line for
 * every party and mediator under their real standing, the committee's seal line, and the faces embedded.
 */
class AgreementDocumentTests {

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages/messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	private static DisputeCase settled() {
		DisputeCase c = new DisputeCase();
		c.id = 7L;
		c.caseNumber = "TJ2026-000007";
		c.type = DisputeType.NEIGHBOUR;
		c.summary = "申请人与被申请人系前后邻居，被申请人在界墙边堆放柴草，雨天积水渗入申请人院内，双方多次争吵。";
		c.regionPath = "/620799000000/620799100000/620799100201/";
		c.level = DisputeCase.Level.VILLAGE;
		c.committee = "高庙村人民调解委员会";
		c.status = DisputeStatus.OPEN;
		c.receivedOn = LocalDate.of(2026, 11, 20);
		c.parties.add(new Party(Party.Role.APPLICANT, 11L, "王大山", "清河镇高庙村1组12号", null, null, "138****8000"));
		c.parties.add(new Party(Party.Role.RESPONDENT, null, "赵四", "河湾村3组5号", null, null, "139****5678"));
		c.mediators.add(new Mediator(Mediator.Kind.MEDIATOR, null, 3L, "陈秀英", null, "高庙村人民调解委员会"));
		c.mediators.add(new Mediator(Mediator.Kind.LAWYER, null, 4L, "周律师", null, "青山律师事务所"));
		c.mediators.add(new Mediator(Mediator.Kind.CADRE, "county.staff", null, "县指挥中心 刘文", "COUNTY_STAFF", null));
		c.settle("被申请人于三日内移走柴草，并赔偿申请人院墙修缮费2000元；界墙两侧各留一米通道，双方不再追究此前争执。",
				LocalDate.of(2026, 12, 4), 30);
		return c;
	}

	private static String text(byte[] pdf) throws Exception {
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(doc).replaceAll("[\\s\\u3000]", "");
		}
	}

	@Test
	void the_agreement_prints_its_legal_phrases_in_chinese_numerals_and_a_line_to_sign_for_everyone() throws Exception {
		AgreementDocument document = new AgreementDocument(new AgreementFonts(List.of(AgreementFonts.DEFAULTS.split(","))), messages());
		byte[] pdf = document.render(settled());
		String text = text(pdf);
		assertThat(text).contains("人民调解协议书", "编号：TJ2026-000007")
			.contains("当事人（申请人）：王大山，住址：清河镇高庙村1组12号，联系电话：138****8000")
			.contains("当事人（被申请人）：赵四，住址：河湾村3组5号")
			.contains("赔偿申请人院墙修缮费2000元（人民币贰仟元整）")
			.contains("本协议一式三份")
			.contains("将于二〇二七年一月三日前回访")
			.contains("高庙村人民调解委员会（印章）二〇二六年十二月四日")
			.doesNotContain("一式3份").doesNotContain("2026年12月4日");
		// a line to sign and date for each party and each mediator, under their real standing
		assertThat(text).contains("当事人（申请人）王大山签名/捺印：年月日", "当事人（被申请人）赵四签名/捺印：年月日",
				"人民调解员陈秀英签名：年月日", "律师（青山律师事务所）周律师签名：年月日", "县级工作人员县指挥中心刘文签名：年月日", "记录人签名：年月日",
				"（以下无正文）");
		assertThat(text).doesNotContain("人民调解员县指挥中心").doesNotContain("人民调解员周律师");
		assertThat(text.split("签名/捺印：", -1)).as("one line to sign for each party").hasSize(3);
	}

	@Test
	void without_a_committee_member_the_agreement_still_has_the_peoples_mediators_line_to_sign_by_hand() throws Exception {
		DisputeCase c = settled();
		c.mediators.removeIf(Mediator::peoplesMediator);
		String text = text(new AgreementDocument(new AgreementFonts(List.of(AgreementFonts.SHIPPED)), messages()).render(c));
		assertThat(text).contains("人民调解员签名：年月日").contains("县级工作人员县指挥中心刘文签名");
	}

	@Test
	void every_face_is_embedded_and_the_body_is_set_in_the_song_face_found() throws Exception {
		AgreementFonts fonts = new AgreementFonts(List.of(AgreementFonts.DEFAULTS.split(",")));
		byte[] pdf = new AgreementDocument(fonts, messages()).render(settled());
		List<String> names = new ArrayList<>();
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			for (COSName name : doc.getPage(0).getResources().getFontNames()) {
				PDFont font = doc.getPage(0).getResources().getFont(name);
				names.add(font.getName());
				if (font instanceof PDType0Font cjk) {
					assertThat(cjk.isEmbedded()).as(font.getName()).isTrue();
					assertThat(font.getName()).as("a subset").matches("[A-Z]{6}\\+.*");
				}
			}
			// the page as a reader sees it, to look at: target/screenshots/agreement.png
			BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(0, 110);
			Files.createDirectories(Path.of("target/screenshots"));
			ImageIO.write(image, "png", new File("target/screenshots/agreement.png"));
			if (doc.getNumberOfPages() > 1) {
				ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(1, 110), "png", new File("target/screenshots/agreement-2.png"));
			}
		}
		Files.write(Path.of("target/screenshots/agreement.pdf"), pdf);
		assertThat(names).anyMatch(n -> n.endsWith("+" + fonts.body().name()));
		Assumptions.assumeFalse(fonts.fallingBack(), "no Song face on this machine (Debian: fonts-arphic-uming)");
		assertThat(fonts.body().name()).isIn("UMingCN", "ARPLSungtiLGB", "SimSun", "FangSong", "STSongti-SC-Regular");
	}

	@Test
	void a_missing_file_or_a_face_the_library_cannot_subset_is_passed_over_for_the_next() {
		AgreementFonts fonts = new AgreementFonts(List.of("/nowhere/simsun.ttc#SimSun", AgreementFonts.SHIPPED));
		assertThat(fonts.fallingBack()).isTrue();
		assertThat(fonts.body().name()).isEqualTo("DroidSansFallback");
		String noto = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc#NotoSerifCJKsc-Regular";
		Assumptions.assumeTrue(new File(noto.substring(0, noto.indexOf('#'))).isFile(), "Noto Serif CJK is not installed");
		assertThat(AgreementFonts.usable(noto)).isEmpty();
	}

}
