package org.attc.tracker.lti.internal.deeplinking;

import java.io.Serializable;

/**
 * What a platform's {@code LtiDeepLinkingRequest} asked, kept in the teacher's session
 * while they choose.
 *
 * @param issuer the platform
 * @param clientId the tool's client id there
 * @param deploymentId the deployment
 * @param returnUrl {@code deep_link_return_url}
 * @param data the opaque {@code data} to return, or {@code null}
 * @param acceptsLineItem whether the platform offers grades (AGS) for new links
 */
public record DeepLinkingRequest(String issuer, String clientId, String deploymentId, String returnUrl, String data,
		boolean acceptsLineItem) implements Serializable {
}
