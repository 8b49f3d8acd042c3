package com.aventian.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class AventianApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(AventianApplication.class);
		application.addListeners(new RequiredSettings());
		application.run(args);
	}

}
