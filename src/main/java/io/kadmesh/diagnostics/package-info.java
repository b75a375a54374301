/**
 * The diagnosis of the paths into a Kadmesh network ({@code docs/diagnosis.md}): every bootstrap and
 * node URL checked step by step, DNS to a request's round trip, each failure named with its likely
 * cause and a next step. It runs from outside the network ({@code kadmesh diagnose}, plain JDK, no
 * Quarkus) and inside a node ({@code GET /api/diagnostics}). It never changes the network: it
 * registers nothing, stores nothing, and its throwaway identity introduces itself as a browser, which
 * a node forgets when the link closes.
 */
package io.kadmesh.diagnostics;
