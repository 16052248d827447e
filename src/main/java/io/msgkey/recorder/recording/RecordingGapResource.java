package io.msgkey.recorder.recording;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.msgkey.recorder.common.ApiException;
import io.msgkey.recorder.common.InstantParameter;
import io.msgkey.recorder.security.Roles;
import io.msgkey.recorder.tencent.TencentConfig;

@Path("/api/recording/gaps")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.MODERATOR, Roles.AUDITOR })
@Tag(name = "Recording")
public class RecordingGapResource {

    private final RecordingIntervals intervals;
    private final RecordingConfig config;
    private final TencentConfig tencent;
    private final Clock clock;

    RecordingGapResource(RecordingIntervals intervals, RecordingConfig config, TencentConfig tencent, Clock clock) {
        this.intervals = intervals;
        this.config = config;
        this.tencent = tencent;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Times no instance was accepting callbacks", description = "Gaps of at least "
            + "recording.gap-threshold between since (default: the roaming period before until) and until "
            + "(default: now). Messages sent in a gap reach the record only by import or by a sync job.")
    public RecordingGapReport gaps(@RestQuery String since, @RestQuery String until) throws SQLException {
        Instant asOf = clock.instant();
        Instant to = InstantParameter.parse("until", until);
        to = to == null || to.isAfter(asOf) ? asOf : to;
        Instant from = InstantParameter.parse("since", since);
        from = from == null ? to.minus(tencent.roamingPeriod()) : from;
        if (!to.isAfter(from)) {
            throw ApiException.badParameter("until", "until must be later than since (and since earlier than now)");
        }
        return new RecordingGapReport(RecordingGaps.of(intervals.overlapping(from, to), from, to,
                config.gapThreshold()), asOf);
    }
}
