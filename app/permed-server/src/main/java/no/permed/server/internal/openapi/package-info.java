/** The OpenAPI 3.1 document, generated from the registered routes. Internal. */
package no.permed.server.internal.openapi;
