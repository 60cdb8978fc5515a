package dev.dispatcher.common.service;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A service with nothing but what dispatcher-common gives every service. */
@SpringBootApplication
public class ServiceTestApplication {
}
