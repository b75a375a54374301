package io.kadmesh.rest;

/** Every error answer of the REST API: the HTTP status and a sentence saying what is wrong. */
public record ErrorResponse(int status, String error) {
}
