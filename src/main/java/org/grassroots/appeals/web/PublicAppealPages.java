package org.grassroots.appeals.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.grassroots.access.OutOfScopeException;
import org.grassroots.appeals.AppealRating;
import org.grassroots.appeals.AppealStatus;
import org.grassroots.appeals.internal.Appeal;
import org.grassroots.appeals.internal.AppealCategories;
import org.grassroots.appeals.internal.AppealHandling;
import org.grassroots.appeals.internal.PublicForm;
import org.grassroots.appeals.internal.PublicIntake;
import org.grassroots.appeals.internal.TooManySubmissions;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.grassroots.shell.InputRejected;
import org.grassroots.shell.PublicPage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * 码上响应 for residents (no sign-in): the phone page behind each village's and grid's QR code and the tracking page,
 * in the public layout ({@code fragments/public}: the place's name, a language switch, nothing of the staff's) and
 * in the county's language unless the resident picks another. The QR code and its poster are the staff's
 * ({@link QrPosterPages}).
 */
@Controller
@PublicPage
class PublicAppealPages {

	private final PublicIntake intake;
	private final AppealHandling handling;
	private final AppealCategories categories;
	private final RegionTree regions;
	private final org.grassroots.appeals.internal.RatingTokens tokens;
	@Value("${grassroots.map.tile-url:}")
	private String tileUrl;

	private final org.springframework.context.MessageSource messages;

	PublicAppealPages(PublicIntake intake, AppealHandling handling, AppealCategories categories, RegionTree regions,
			org.springframework.context.MessageSource messages, org.grassroots.appeals.internal.RatingTokens tokens) {
		this.tokens = tokens;
		this.messages = messages;
		this.intake = intake;
		this.handling = handling;
		this.categories = categories;
		this.regions = regions;
	}

	@GetMapping("/q/{regionCode}")
	String form(@PathVariable String regionCode, Model model) {
		RegionNode point = intake.intakePoint(regionCode).orElseThrow(OutOfScopeException::new);
		return form(model, point, new PublicForm(null, null, point.code(), null, null, null, UUID.randomUUID().toString()), null);
	}

	@PostMapping("/q/{regionCode}")
	String submit(@PathVariable String regionCode, PublicForm form,
			@RequestParam(name = "photos", required = false) List<MultipartFile> photos, Model model,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		RegionNode point = intake.intakePoint(regionCode).orElseThrow(OutOfScopeException::new);
		if (request.getAttribute(OversizeUploads.TOO_LARGE) != null) {
			// the photos were over the upload limit and were dropped unread: the form again, with what was typed
			response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
			model.addAttribute("tooLarge", true);
			return form(model, point, new PublicForm(form.categoryCode(), form.description(), point.code(),
					form.locationText(), form.reporterName(), form.phone(),
					StringUtils.hasText(form.submissionKey()) ? form.submissionKey() : UUID.randomUUID().toString(),
					form.latitude(), form.longitude()), null);
		}
		List<byte[]> contents = new ArrayList<>();
		if (photos != null) {
			for (MultipartFile photo : photos) {
				if (!photo.isEmpty()) {
					contents.add(photo.getBytes());
				}
			}
		}
		PublicForm submitted = new PublicForm(form.categoryCode(), form.description(), point.code(), form.locationText(),
				form.reporterName(), form.phone(), form.submissionKey(), form.latitude(), form.longitude());
		try {
			Appeal appeal = intake.submit(submitted, contents, request.getRemoteAddr());
			model.addAttribute("appeal", appeal);
			model.addAttribute("point", point);
			model.addAttribute("lineage", regions.lineage(point.path()));
			return "appeals/public-done";
		}
		catch (InputRejected rejected) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return form(model, point, submitted, rejected);
		}
		catch (TooManySubmissions limited) {
			response.setStatus(429);
			model.addAttribute("limited", true);
			return form(model, point, submitted, null);
		}
		catch (org.grassroots.shell.ServiceBusy busy) {
			// the photos could not be decoded now: the form again, with what was typed and when to try again
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			response.setHeader("Retry-After", Integer.toString(busy.retryAfterSeconds()));
			model.addAttribute("busySeconds", busy.retryAfterSeconds());
			return form(model, point, submitted, null);
		}
	}

	private String form(Model model, RegionNode point, PublicForm form, InputRejected rejected) {
		model.addAttribute("point", point);
		model.addAttribute("form", form);
		model.addAttribute("categories", categories.active());
		model.addAttribute("limits", org.grassroots.appeals.AppealLimits.asMap());
		model.addAttribute("lineage", regions.lineage(point.path()));
		model.addAttribute("boundary", regions.boundaryOf(point.code()).orElse(""));
		model.addAttribute("tileUrl", tileUrl);
		// each field's first problem, in the reader's language with its numbers (the limits) filled in
		java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		model.addAttribute("problems", rejected == null ? Map.of() : rejected.problems().stream()
			.collect(java.util.stream.Collectors.toMap(InputRejected.FieldProblem::field,
					p -> messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale), (a, b) -> a)));
		return "appeals/public-form";
	}

	@GetMapping("/t")
	String trackForm(@RequestParam(required = false) String code, Model model) {
		model.addAttribute("code", code);
		model.addAttribute("lineage", county());
		return "appeals/tracking";
	}

	@PostMapping("/t")
	String track(@RequestParam(required = false) String code, @RequestParam(required = false) String phone4, Model model,
			jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response) {
		try {
			intake.track(code, phone4, request.getRemoteAddr());
		}
		catch (TooManySubmissions limited) {
			return tooManyTries(code, model, response);
		}
		catch (org.grassroots.appeals.internal.TryAgainLater wait) {
			response.setStatus(429);
			response.setHeader("Retry-After", String.valueOf(wait.seconds()));
			model.addAttribute("code", code);
			model.addAttribute("backoffSeconds", wait.seconds());
			model.addAttribute("lineage", county());
			return "appeals/tracking";
		}
		return show(code, phone4, model, response);
	}

	/** Past the hour's look-ups for this code or this client: said, and nothing looked up. */
	private String tooManyTries(String code, Model model, HttpServletResponse response) {
		response.setStatus(429);
		model.addAttribute("code", code);
		model.addAttribute("tooManyTries", true);
		model.addAttribute("lineage", county());
		return "appeals/tracking";
	}

	/**
	 * A rating needs the code, the digits and the fresh token the tracking page put in its form (15 minutes): without
	 * it nothing is looked up (so this is no way round the tracking page's waits) and the resident is asked to look
	 * the appeal up again. 不满意 reopens the appeal, so it is asked once more before it is taken.
	 */
	@PostMapping("/t/rate")
	String rate(@RequestParam(required = false) String code, @RequestParam(required = false) String phone4,
			@RequestParam(required = false) Integer version, @RequestParam(required = false) AppealRating rating,
			@RequestParam(required = false) String reason, @RequestParam(required = false) String token,
			@RequestParam(required = false) String confirm, Model model, HttpServletResponse response) {
		java.util.OptionalLong signedFor = tokens.appealOf(token);
		java.util.Optional<Appeal> appeal = signedFor.isEmpty() ? java.util.Optional.empty()
				: intake.track(code, phone4).filter(a -> a.getId() == signedFor.getAsLong());
		if (appeal.isEmpty() || version == null || rating == null) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("code", code);
			model.addAttribute("rateExpired", true);
			model.addAttribute("lineage", county());
			return "appeals/tracking";
		}
		if (appeal.get().getStatus() == AppealStatus.RESOLVED) {
			if (!rating.counts() && !"yes".equals(confirm)) {
				// 不满意 sends it back for handling: asked once more, with what was typed kept
				model.addAttribute("confirmUnsatisfied", true);
				model.addAttribute("reason", reason);
				model.addAttribute("version", version);
				return show(code, phone4, model, response);
			}
			try {
				handling.rateByResident(appeal.get().getId(), version, rating, rating.counts() ? null : reason);
				// 不满意: say plainly that it went back for handling, not only "thank you"
				model.addAttribute(rating.counts() ? "rated" : "sentBack", true);
			}
			catch (OptimisticLockingFailureException stale) {
				response.setStatus(HttpServletResponse.SC_CONFLICT);
				model.addAttribute("stale", true);
			}
			catch (InputRejected tooLong) {
				response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
				model.addAttribute("reasonTooLong", true);
				model.addAttribute("reason", reason);
			}
		}
		return show(code, phone4, model, response);
	}

	private String show(String code, String phone4, Model model, HttpServletResponse response) {
		model.addAttribute("code", code);
		var appeal = intake.track(code, phone4);
		if (appeal.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("notFound", true);
			model.addAttribute("lineage", county());
			return "appeals/tracking";
		}
		model.addAttribute("appeal", appeal.get());
		model.addAttribute("lineage", regions.lineage(appeal.get().getRegionPath()));
		model.addAttribute("phone4", phone4.strip());
		model.addAttribute("timeline", handling.publicTimeline(appeal.get().getId()));
		model.addAttribute("ratings", AppealRating.values());
		if (appeal.get().getStatus() == AppealStatus.RESOLVED) {
			model.addAttribute("rateToken", tokens.issue(appeal.get().getId()));
		}
		model.addAttribute("limits", org.grassroots.appeals.AppealLimits.asMap());
		model.addAttribute("categoryNames", categoryNames());
		return "appeals/tracking";
	}

	private Map<String, String> categoryNames() {
		var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		return categories.active().stream()
			.collect(java.util.stream.Collectors.toMap(AppealCategories.Category::code, c -> c.label(locale)));
	}

	/** An unknown or removed QR code: said on a resident's page, not on the staff error page that offers a sign-in. */
	@ExceptionHandler(OutOfScopeException.class)
	String missing(Model model, HttpServletResponse response) {
		response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		model.addAttribute("lineage", county());
		return "appeals/public-missing";
	}

	/** The county, for the header of a page that is about no village in particular. */
	private List<RegionNode> county() {
		List<RegionNode> roots = regions.roots();
		return roots.size() == 1 ? roots : List.of();
	}

}
