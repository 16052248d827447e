package io.msgkey.recorder.imports;

import java.io.IOException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.msgkey.recorder.common.ApiException;
import io.msgkey.recorder.security.Roles;

/**
 * Where the app's server forwards what it sent with sendmsg or batchsendmsg and what Tencent answered: batchsendmsg
 * fires no callback, and sendmsg may be told not to, so without this the record never sees those messages.
 */
@Path("/api/imports")
@Tag(name = "Imports")
public class ImportResource {

    private final ExchangeReader exchanges;
    private final ImportService imports;
    private final ObjectReader reader;

    ImportResource(ExchangeReader exchanges, ImportService imports, ObjectMapper mapper) {
        this.exchanges = exchanges;
        this.imports = imports;
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.IMPORTER)
    @Operation(summary = "Import sendmsg/batchsendmsg exchanges", description = "One exchange {\"api\", \"request\", "
            + "\"response\"} as the app's server sent and received it, or {\"exchanges\": [...]} with up to 1,000. "
            + "Records one message per recipient Tencent sent to; message bodies are never stored.")
    public ImportResult importExchanges(byte[] body) {
        return imports.record(exchanges.read(parse(body)));
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badParameter(null, "the body is empty; send an exchange or {\"exchanges\": [...]}");
        }
        try {
            JsonNode root = reader.readTree(body);
            if (root == null || !root.isObject()) {
                throw ApiException.badParameter(null, "the body must be a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw ApiException.badParameter(null, "the body is not valid JSON");
        }
    }
}
