package org.attc.tracker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * Capability Tracker: an LTI 1.3 tool, an xAPI learning record store and a crediting
 * engine for the Advanced Therapy Clinical Trials Capability Framework.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableAsync
@Modulithic(sharedModules = "shared")
public class CapabilityTrackerApplication {

	public static void main(String[] args) {
		SpringApplication.run(CapabilityTrackerApplication.class, args);
	}

}
