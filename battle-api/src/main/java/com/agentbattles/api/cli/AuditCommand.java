package com.agentbattles.api.cli;

import com.agentbattles.api.audit.BattleAuditService;
import com.agentbattles.api.audit.BattleAuditService.AuditReport;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code battles audit <battle_id>}: prove (or disprove) a battle's recorded result from its event log. */
@Component
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Check a battle from its event log: the hash chain, the rankings re-derived with the metrics "
                + "calculator, the orders re-simulated on the stored candles, and the candle fingerprint. "
                + "Exit code 0 when everything matches, 1 when something does not.")
public class AuditCommand implements java.util.concurrent.Callable<Integer> {

    @Parameters(paramLabel = "BATTLE_ID", description = "the battle to audit")
    String battleId;

    private final BattleAuditService audits;

    public AuditCommand(BattleAuditService audits) {
        this.audits = audits;
    }

    @Override
    public Integer call() {
        AuditReport report = audits.audit(battleId, null);
        var chain = report.chain();
        var replay = report.replay();
        System.out.println("battle            " + report.battleId());
        System.out.println("event chain       " + (chain.intact() ? "intact, " + chain.eventCount() + " events, head "
                + chain.headHash() : "BROKEN at event " + chain.firstBrokenSequence() + ": " + chain.problem()));
        System.out.println("recorded digest   " + replay.recordedDigest());
        System.out.println("re-derived        " + replay.rederivedDigest() + (replay.rederivationMatches() ? "  match" : "  MISMATCH"));
        System.out.println("re-simulated      " + replay.resimulatedDigest() + (replay.resimulationMatches() ? "  match" : "  MISMATCH"));
        if (replay.firstDivergence() != null) {
            var d = replay.firstDivergence();
            System.out.println("first divergence  event " + d.sequence() + " (" + d.event() + ")");
            System.out.println("  recorded        " + d.recorded());
            System.out.println("  re-simulated    " + d.resimulated());
        }
        System.out.println("candle fingerprint " + (report.fingerprintMatches() == null
                ? "not checked" + (report.fingerprintProblem() == null ? "" : ": " + report.fingerprintProblem())
                : report.fingerprintMatches() ? "match " + report.recordedFingerprint()
                : "MISMATCH recorded " + report.recordedFingerprint() + ", store " + report.storeFingerprint()));
        var baseline = report.baseline();
        System.out.println("baseline          " + (baseline.matches() == null ? "nothing stored to compare"
                : baseline.matches() ? "match, " + baseline.storedSnapshots() + " snapshots"
                + (baseline.rederived() == null ? "" : ", equity " + baseline.rederived().equity()
                + ", roi " + baseline.rederived().roiPct() + " %")
                : "MISMATCH " + baseline.firstDifference()));
        System.out.println(report.matches() ? "verdict           match" : "verdict           MISMATCH");
        return report.matches() ? 0 : 1;
    }
}
