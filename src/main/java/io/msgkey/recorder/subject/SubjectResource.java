package io.msgkey.recorder.subject;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.msgkey.recorder.common.ApiException;
import io.msgkey.recorder.common.Csv;
import io.msgkey.recorder.common.CsvExport;
import io.msgkey.recorder.common.PageLimit;
import io.msgkey.recorder.common.TextParameter;
import io.msgkey.recorder.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/subjects/{user}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.COMPLIANCE)
@Tag(name = "Data subjects")
public class SubjectResource {

    private final SubjectService subjects;
    private final SecurityIdentity identity;

    SubjectResource(SubjectService subjects, SecurityIdentity identity) {
        this.subjects = subjects;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "How many records name the user, and the active holds on them")
    public SubjectSummary summary(@RestPath String user) {
        return subjects.summary(account(user), actor());
    }

    @GET
    @Path("/messages")
    @Operation(summary = "Every record in which the user is sender or recipient, with its recall history")
    public SubjectPage messages(@RestPath String user, @RestQuery String limit, @RestQuery String cursor) {
        return subjects.page(account(user), cursor, PageLimit.parse(limit), actor());
    }

    @GET
    @Path("/messages")
    @Produces(Csv.MEDIA_TYPE_SECOND_CHOICE)
    @Operation(summary = "Every record naming the user as CSV, with its recall history")
    public RestResponse<StreamingOutput> messagesCsv(@RestPath String user) {
        String account = account(user);
        subjects.exported(account, actor());
        return CsvExport.download("subject-" + account.replaceAll("[^A-Za-z0-9_.-]", "_") + "-messages.csv",
                List.of("message_id", "chat", "from_account", "to_account", "msg_key", "group_id", "topic_id", "msg_seq",
                        "msg_random", "msg_time",
                        "msg_time_estimated", "delivered", "recalled_at", "recall_source", "source", "recalls"),
                cursor -> subjects.exportPage(account, cursor),
                (SubjectRecord record) -> new Object[] { record.message().id(),
                        record.message().chat().wireName(), record.message().from(), record.message().to(),
                        record.message().msgKey(), record.message().groupId(), record.message().topicId(),
                        record.message().msgSeq(),
                        record.message().msgRandom(), record.message().msgTime(),
                        record.message().msgTimeEstimated(), record.message().delivered(),
                        record.message().recalledAt(), record.message().recallSource(),
                        record.message().source().wireName(), recalls(record.recalls()) });
    }

    @POST
    @Path("/erase")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Erase the user's message records", description = "Refused (409) while the user is under "
            + "an active legal hold. Recall jobs, their items and the audit trail stay.")
    public ErasureResult erase(@RestPath String user, ErasureRequest request) {
        return subjects.erase(account(user), request, actor());
    }

    /** "job 4 RECALLED 2024-06-01T00:00:00Z; job 9 PENDING" */
    private static String recalls(List<RecallHistory> recalls) {
        return String.join("; ", recalls.stream().map(recall -> "job " + recall.job() + " " + recall.outcome()
                + (recall.at() == null ? "" : " " + recall.at())).toList());
    }

    private static String account(String user) {
        String account = TextParameter.accountId("user", user);
        if (account == null) {
            throw ApiException.badParameter("user", "user is required");
        }
        return account;
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
