package org.grassroots.appeals.web;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import jakarta.servlet.http.HttpServletRequest;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.appeals.internal.PublicIntake;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * For staff: a village's or grid's QR code and its printable A4 poster, at the address residents' phones open
 * ({@link PosterAddress}). An address no phone can open (the cadre reached this server as {@code localhost}) is
 * not printed: the poster says how to set the public address instead.
 */
@Controller
class QrPosterPages {

	private final PublicIntake intake;
	private final RegionTree regions;
	private final CurrentUsers users;
	private final MessageSource messages;
	private final String publicBaseUrl;

	QrPosterPages(PublicIntake intake, RegionTree regions, CurrentUsers users, MessageSource messages,
			@Value("${grassroots.public-base-url:}") String publicBaseUrl) {
		this.intake = intake;
		this.regions = regions;
		this.users = users;
		this.messages = messages;
		this.publicBaseUrl = PosterAddress.configured(publicBaseUrl);
	}

	@GetMapping(value = "/qr/{regionCode}.png", produces = MediaType.IMAGE_PNG_VALUE)
	ResponseEntity<?> qr(@PathVariable String regionCode, HttpServletRequest request) throws IOException, WriterException {
		RegionNode point = staffPoint(regionCode);
		PosterAddress address = PosterAddress.of(publicBaseUrl, request);
		if (!address.printable()) {
			// no image of an address that opens nothing; whoever fetched it directly reads why
			Locale locale = LocaleContextHolder.getLocale();
			String why = messages.getMessage("poster.unreachable.title", null, locale) + "\n"
					+ messages.getMessage("poster.unreachable.text", new Object[] { address.host() }, locale) + "\n"
					+ messages.getMessage("poster.howToSet", null, locale) + "\n";
			return ResponseEntity.status(HttpStatus.CONFLICT).contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
				.cacheControl(CacheControl.noStore()).body(why);
		}
		var matrix = new QRCodeWriter().encode(address.intakeUrl(point.code()), BarcodeFormat.QR_CODE, 600, 600,
				Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
		BufferedImage image = MatrixToImageWriter.toBufferedImage(matrix);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.IMAGE_PNG).body(out.toByteArray());
	}

	@GetMapping("/qr/{regionCode}")
	String poster(@PathVariable String regionCode, Model model, HttpServletRequest request) {
		RegionNode point = staffPoint(regionCode);
		PosterAddress address = PosterAddress.of(publicBaseUrl, request);
		model.addAttribute("point", point);
		model.addAttribute("lineage", regions.lineage(point.path()));
		// the address printed (none when refused), and the host the cadre used when a message is to say it
		model.addAttribute("url", address.intakeUrl(point.code()));
		model.addAttribute("refusedHost", address.printable() ? null : address.host());
		model.addAttribute("localNetworkHost", address.reach() == PosterAddress.Reach.LOCAL_NETWORK ? address.host() : null);
		return "appeals/poster";
	}

	private RegionNode staffPoint(String regionCode) {
		CurrentUser me = users.current();
		me.require(Permission.APPEAL_READ);
		RegionNode point = intake.intakePoint(regionCode).orElseThrow(OutOfScopeException::new);
		me.requireInScope(point.path());
		return point;
	}

}
