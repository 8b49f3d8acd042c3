package com.aventian.portal.team;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The name typed for a new team; surrounding spaces do not count. */
public record TeamNameForm(@NotBlank(message = "Enter a name for the team.")
		@Size(max = 100, message = "Use at most 100 characters.") String name) {

	public TeamNameForm {
		name = (name == null) ? "" : name.strip();
	}

}
