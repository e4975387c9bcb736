/**
 * The mapping service: Mapwright kept warm in one process, answering JSON requests (version, list, layers,
 * evaluate, map, cancel; schema version {@value org.mapwright.serve.Service#SCHEMA_VERSION}, documented in
 * {@code docs/service.md}) one per line on standard input and output ({@link org.mapwright.serve.StdioServer}) or
 * as HTTP bodies ({@link org.mapwright.serve.HttpService}). {@link org.mapwright.serve.Service} parses and checks a
 * request, runs it on a bounded pool through the {@link org.mapwright.api.Mapwright} facade, whose cache answers a
 * request met again at once, and turns every failure into a JSON error with a stable {@link
 * org.mapwright.serve.ErrorCode}: a bad request never drops a connection or stops the service.
 */
package org.mapwright.serve;
