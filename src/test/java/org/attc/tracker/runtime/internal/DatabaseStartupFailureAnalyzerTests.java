package org.attc.tracker.runtime.internal;

import java.net.ServerSocket;

import org.attc.tracker.CapabilityTrackerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class DatabaseStartupFailureAnalyzerTests {

	@Test
	void anUnreachableExternalDatabaseStopsStartupWithWhatToDo(CapturedOutput output) throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		SpringApplication app = new SpringApplication(CapabilityTrackerApplication.class);
		assertThatThrownBy(() -> app.run("--server.port=0",
				"--spring.datasource.url=jdbc:mariadb://127.0.0.1:" + closedPort + "/tracker",
				"--spring.datasource.username=nobody", "--spring.datasource.password=x",
				"--spring.datasource.hikari.connection-timeout=1000"))
			.isNotNull();
		assertThat(output).contains("The service cannot reach its MariaDB database")
			.contains("Check SPRING_DATASOURCE_URL");
	}

	@Test
	void anEmbeddedServerThatCannotStartIsReportedWithItsRemedy() {
		var failure = new RuntimeException("context failed", new org.attc.tracker.runtime.EmbeddedDatabaseUnavailable(
				"cannot run mariadbd", "install libaio1", null));
		var analysis = new DatabaseStartupFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription()).isEqualTo("cannot run mariadbd");
		assertThat(analysis.getAction()).isEqualTo("install libaio1");
	}

	@Test
	void otherFailuresAreLeftToOtherAnalyzers() {
		assertThat(new DatabaseStartupFailureAnalyzer().analyze(new IllegalStateException("bean problem"))).isNull();
	}

}
