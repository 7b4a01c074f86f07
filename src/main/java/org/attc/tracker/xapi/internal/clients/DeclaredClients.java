package org.attc.tracker.xapi.internal.clients;

import org.attc.tracker.xapi.internal.XapiProperties;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Creates or updates the clients declared in {@code app.xapi.clients} at startup. */
@Component
class DeclaredClients implements ApplicationRunner {

	private final XapiProperties properties;

	private final LrsClients clients;

	DeclaredClients(XapiProperties properties, LrsClients clients) {
		this.properties = properties;
		this.clients = clients;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (XapiProperties.DeclaredClient client : this.properties.clients()) {
			this.clients.declare(client.key(), client.secret(), (client.name() != null) ? client.name() : client.key(),
					LrsClients.scopes((client.scopes() != null) ? client.scopes() : java.util.List.of()),
					client.organisation());
		}
	}

}
