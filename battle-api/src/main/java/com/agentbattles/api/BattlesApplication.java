package com.agentbattles.api;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring Boot application; started by {@link BattlesCommandLine}. */
@SpringBootApplication(scanBasePackages = "com.agentbattles")
@ConfigurationPropertiesScan("com.agentbattles")
public class BattlesApplication {
}
