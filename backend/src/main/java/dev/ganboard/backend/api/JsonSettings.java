package dev.ganboard.backend.api;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Python's json module writes NaN and Infinity as bare tokens, and a diverging loss is data: accept them at parse
 * time. (Writing keeps Jackson's default: a non-finite double becomes the string "NaN", "Infinity" or "-Infinity",
 * which keeps answers valid JSON.)
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());
    }
}
