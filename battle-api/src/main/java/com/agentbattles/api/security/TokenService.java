package com.agentbattles.api.security;

import com.agentbattles.api.config.BattlesProperties;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Issues the account JWTs that {@code POST /auth/login} hands out. */
@Service
public class TokenService {

    static final String ISSUER = "agent-battles";

    /**
     * Set on a token issued for an agent's key (not the account's own): the seed platform's SDK
     * always logs in and then sends the token, so without the claim every SDK client of a second
     * agent would trade on the account's default agent.
     */
    static final String AGENT_CLAIM = "agent_id";

    private final JwtEncoder encoder;
    private final Duration ttl;
    private final Clock clock;

    public TokenService(JwtEncoder encoder, BattlesProperties properties, Clock clock) {
        this.encoder = encoder;
        this.ttl = properties.jwt().ttl();
        this.clock = clock;
    }

    /** A token for the account itself: it manages agents and battles. */
    public IssuedToken issue(String accountId) {
        return issue(accountId, null);
    }

    /** A token that acts as one agent's key: that agent's trading, wallet and battles only. */
    public IssuedToken issueForAgent(String accountId, String agentId) {
        return issue(accountId, agentId);
    }

    /** Who a verified token speaks for. */
    public static Caller callerOf(Jwt token) {
        String agentId = token.getClaimAsString(AGENT_CLAIM);
        return agentId == null ? Caller.jwt(token.getSubject()) : Caller.apiKey(token.getSubject(), agentId);
    }

    private IssuedToken issue(String accountId, String agentId) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder builder = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(accountId)
                .issuedAt(now)
                .expiresAt(now.plus(ttl));
        if (agentId != null) {
            builder.claim(AGENT_CLAIM, agentId);
        }
        JwtClaimsSet claims = builder.build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new IssuedToken(token, ttl.toSeconds());
    }

    public record IssuedToken(String token, long expiresIn) {
    }
}
