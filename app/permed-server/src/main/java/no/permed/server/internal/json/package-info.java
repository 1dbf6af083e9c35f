/** Strict JSON reading and writing (Jackson) and its translation of bad input into error codes. Internal. */
package no.permed.server.internal.json;
