package io.portcullis.proxy.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.proxy.resource.ResourceMetadataEndpoint;
import io.portcullis.proxy.resource.ResourceMetadataLocation;
import io.portcullis.proxy.health.HealthAnswer;
import io.portcullis.proxy.sso.ReservedPaths;

/**
 * What a request head must pass before it is decided on, in order: it decoded, its {@code Expect} is
 * one we handle, it is not for a reserved path or the RFC 9728 metadata (answered locally), a route matches, its method is not
 * a refused tracing one, its declared body fits the route's limit, and it carries at most one
 * device-posture header. Each failure is answered here, and ends the exchange.
 */
final class Admission {

    private Admission() {
    }

    /** Sets the exchange's route and body limit; false when the request was answered here instead. */
    static boolean admit(Exchange ex, HttpHeaders h, PortcullisConfig cfg) {
        if (ex.request.decoderResult().isFailure()) {
            // The edge refuses these before us; never act on a request that failed to decode.
            return refused(ex, HttpResponseStatus.BAD_REQUEST, "malformed-request", true);
        }
        String expect = h.get(HttpHeaderNames.EXPECT);
        if (expect != null) {
            if (!expect.equalsIgnoreCase("100-continue") || h.getAll(HttpHeaderNames.EXPECT).size() > 1) {
                return refused(ex, HttpResponseStatus.EXPECTATION_FAILED, "expectation-unsupported", true);
            }
            ex.expectContinue = true;
        }
        if (ex.path.equals(cfg.transport().healthPath())) {
            ex.state = ExchangeState.ANSWERING_LOCALLY;
            HealthAnswer health = HealthAnswer.of(ex.rc, ex.request.method(), ex.conn.ctx().alloc());
            LocalReplies.send(ex, health.response(), health.reason(), false);
            return false;
        }
        if (ResourceMetadataLocation.requested(ex.path) && ResourceMetadataEndpoint.enabled(cfg)) {
            ex.state = ExchangeState.ANSWERING_LOCALLY;
            LocalReplies.resourceMetadata(ex, h);
            return false;
        }
        if (ReservedPaths.reserved(ex.path)) {
            ex.state = ExchangeState.ANSWERING_LOCALLY;
            LocalReplies.reserved(ex);
            return false;
        }
        String method = ex.request.method().name();
        ex.route = ex.rc.router().match(h.get(HttpHeaderNames.HOST), ex.path, method);
        if (ex.route == null) {
            return refused(ex, HttpResponseStatus.NOT_FOUND, "no-route", false);
        }
        if (TracingMethods.refused(method, ex.route)) {
            return refused(ex, HttpResponseStatus.METHOD_NOT_ALLOWED, "method-not-allowed", false);
        }
        Long routeMax = ex.route.config().limits().maxBodyBytes();
        ex.maxBody = routeMax != null ? routeMax : cfg.limits().maxBodyBytes();
        if (HttpUtil.getContentLength(ex.request, -1L) > ex.maxBody) {
            return refused(ex, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "body-too-large", true);
        }
        if (h.getAll(cfg.identity().devicePosture().header()).size() > 1) {
            return refused(ex, HttpResponseStatus.BAD_REQUEST, "multiple-posture-headers", true);
        }
        return true;
    }

    private static boolean refused(Exchange ex, HttpResponseStatus status, String reason, boolean close) {
        LocalReplies.refuse(ex, status, reason, null, close);
        return false;
    }
}
