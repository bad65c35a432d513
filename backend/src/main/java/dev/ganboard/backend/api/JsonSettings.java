package dev.ganboard.backend.api;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * How request bodies are read.
 *
 * <ul>
 * <li>Python's json module writes NaN and Infinity as bare tokens, and a diverging loss is data: accept them at
 * parse time. (Writing keeps Jackson's default: a non-finite double becomes the string "NaN", "Infinity" or
 * "-Infinity", which keeps answers valid JSON.)</li>
 * <li>A field given twice ({@code {"name":"x","name":"t1"}}) is refused: which one a reader believes is undefined,
 * so the body is ambiguous (and the two copies could pass different checks).</li>
 * <li>A fraction or exponent number is never turned into a string ({@code {"name": 1e309}} would become a project
 * called "Infinity") nor truncated into an integer ({@code 1.5} would become 1).</li>
 * </ul>
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        configure(mapper);
    }

    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return mapper;
    }
}
