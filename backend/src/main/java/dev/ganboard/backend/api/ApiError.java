package dev.ganboard.backend.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON body of every error answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String error, String field) {
}
