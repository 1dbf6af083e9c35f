/**
 * GA4GH Beacon v2 over the frequency register, independent of the transport: {@link no.permed.frequency.beacon.BeaconService}
 * parses Beacon requests (GET query parameters or POST request bodies) and answers with Jackson trees in the shapes of
 * the Beacon v2 framework and default model schemas. Every count it shows passes through
 * {@link no.permed.frequency.privacy.Disclosure}; the HTTP routes live in permed-server ({@code no.permed.server.beacon}).
 */
package no.permed.frequency.beacon;
