package org.attc.tracker;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(CapabilityTrackerApplication.class);

	@Test
	void modulesOnlyDependOnEachOthersPublicApi() {
		this.modules.verify();
	}

	@Test
	void documentsTheModules() {
		new Documenter(this.modules, Documenter.Options.defaults().withOutputFolder("target/modulith-docs"))
			.writeModulesAsPlantUml()
			.writeModuleCanvases();
	}

}
