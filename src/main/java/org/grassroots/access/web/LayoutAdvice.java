package org.grassroots.access.web;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page's layout knows who is signed in, to show their name and the navigation they may use. */
@ControllerAdvice
class LayoutAdvice {

	private final CurrentUsers users;

	LayoutAdvice(CurrentUsers users) {
		this.users = users;
	}

	@ModelAttribute("me")
	CurrentUser me() {
		return users.find().orElse(null);
	}

}
