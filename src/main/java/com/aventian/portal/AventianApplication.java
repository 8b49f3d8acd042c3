package com.aventian.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class AventianApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(AventianApplication.class);
		application.addListeners(new RequiredSettings());
		application.run(args);
	}

}
