package com.agentbattles.api.auth;

import com.agentbattles.api.security.ApiKeys;
import com.agentbattles.api.security.TokenService;
import com.agentbattles.api.support.ReadModelBarrier;
import com.agentbattles.domain.common.Decimals;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.query.account.AccountReadModel;
import com.agentbattles.query.agent.CredentialReadModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /auth}: registration (key and secret shown once) and login (JWT). */
@RestController
@Tag(name = "Auth", description = "Register an account and log in for a JWT")
@RequestMapping("/api/v1/auth")
public class AuthController {

    private final RegistrationService registration;
    private final CredentialReadModel credentials;
    private final AccountReadModel accounts;
    private final TokenService tokens;
    private final ReadModelBarrier barrier;

    public AuthController(RegistrationService registration, CredentialReadModel credentials, AccountReadModel accounts,
                          TokenService tokens, ReadModelBarrier barrier) {
        this.registration = registration;
        this.credentials = credentials;
        this.accounts = accounts;
        this.tokens = tokens;
        this.barrier = barrier;
    }

    public record RegisterRequest(@Schema(example = "Alice") String displayName, @Schema(example = "alice@example.com") String email) {
    }

    public record RegisterResponse(@Schema(example = "6f1c2a4e-2b7d-4c1e-9a53-0d8f3e2b1a77") String accountId, @Schema(example = "Alice") String displayName, @Schema(example = "ak_live_3Jx9QvT2mZ8kLr5Wn1Yb7Hc4Fd6Gs0Pe") String apiKey, @Schema(example = "sk_live_9Qw2Er4Ty6Ui8Op0As1Df3Gh5Jk7Lz9Xc") String apiSecret,
                                   @Schema(example = "0b6e9f3d-5a21-4c8e-b7d4-2e1f9a6c3b58") String defaultAgentId) {
    }

    public record LoginRequest(@Schema(example = "ak_live_3Jx9QvT2mZ8kLr5Wn1Yb7Hc4Fd6Gs0Pe") String apiKey, @Schema(example = "sk_live_9Qw2Er4Ty6Ui8Op0As1Df3Gh5Jk7Lz9Xc") String apiSecret) {
    }

    public record LoginResponse(@Schema(example = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI2ZjFjMmE0ZSJ9.c2lnbmF0dXJl") String token, @Schema(example = "3600") long expiresIn, @Schema(example = "Bearer") String tokenType, @Schema(example = "6f1c2a4e-2b7d-4c1e-9a53-0d8f3e2b1a77") String accountId,
                                @Schema(description = "the agent the token acts for when logged in with an agent's key; null for the account's key",
                                        example = "0b6e9f3d-5a21-4c8e-b7d4-2e1f9a6c3b58", nullable = true) String agentId) {
    }

    @Operation(summary = "Register an account; returns its API key and secret once")
    @SecurityRequirements
    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    public RegisterResponse register(@RequestBody RegisterRequest request) {
        RegistrationService.Registration created = registration.register(request.displayName(), request.email());
        barrier.awaitProjections();
        return new RegisterResponse(created.accountId(), request.displayName().strip(), created.apiKey(),
                created.apiSecret(), created.defaultAgentId());
    }

    @Operation(summary = "Exchange an API key and the account's secret for a JWT (1 hour); an agent's key gives a token that acts as that agent")
    @SecurityRequirements
    @PostMapping("/login")
    public LoginResponse login(@RequestBody LoginRequest request) {
        if (request.apiKey() == null || request.apiKey().isBlank()) {
            throw Decimals.invalid("api_key", "is required");
        }
        if (request.apiSecret() == null || request.apiSecret().isBlank()) {
            throw Decimals.invalid("api_secret", "is required");
        }
        var credential = credentials.findByKeyHash(ApiKeys.hash(request.apiKey().strip()));
        var account = credential
                .flatMap(found -> accounts.find(found.accountId()))
                .filter(row -> ApiKeys.matches(request.apiSecret().strip(), row.apiSecretHash()))
                .orElseThrow(() -> new DomainException(ErrorCode.INVALID_API_KEY, "api_key or api_secret is not valid"));
        // An agent has a key but no secret of its own: its owner's secret vouches for it, and the
        // token then acts as that key (its wallet, orders and battles; no account management).
        String agentId = credential.get().agentId();
        boolean accountKey = agentId.equals(account.defaultAgentId());
        TokenService.IssuedToken token = accountKey
                ? tokens.issue(account.accountId())
                : tokens.issueForAgent(account.accountId(), agentId);
        return new LoginResponse(token.token(), token.expiresIn(), "Bearer", account.accountId(),
                accountKey ? null : agentId);
    }
}
