package com.aventian.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
public class AventianApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(AventianApplication.class);
		application.addListeners(new RequiredSettings());
		ConfigurableApplicationContext context = application.run(args);
		if (PortalCommands.requested(context.getEnvironment())) {
			// the command has run (a failure ends run() with its exception): stop, as a command does
			System.exit(SpringApplication.exit(context));
		}
	}

}
