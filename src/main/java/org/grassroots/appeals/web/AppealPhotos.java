package org.grassroots.appeals.web;

import org.grassroots.access.CurrentUsers;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.appeals.internal.AppealHandling;
import org.grassroots.appeals.internal.PublicIntake;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** An appeal's photos, for staff who may read the appeal; never kept by a browser (they may show people). */
@Controller
class AppealPhotos {

	private final PublicIntake intake;
	private final AppealHandling handling;
	private final CurrentUsers users;

	AppealPhotos(PublicIntake intake, AppealHandling handling, CurrentUsers users) {
		this.intake = intake;
		this.handling = handling;
		this.users = users;
	}

	@GetMapping("/appeals/{id}/photos/{photoId}")
	ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable long photoId) {
		handling.get(users.current(), id);
		var photo = intake.photo(id, photoId).orElseThrow(OutOfScopeException::new);
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.contentType()))
			.cacheControl(CacheControl.noStore())
			.body(photo.bytes());
	}

}
