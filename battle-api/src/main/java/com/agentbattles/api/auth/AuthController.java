package com.agentbattles.api.auth;

import com.agentbattles.api.security.ApiKeys;
import com.agentbattles.api.security.TokenService;
import com.agentbattles.api.support.ReadModelBarrier;
import com.agentbattles.domain.common.Decimals;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.query.account.AccountReadModel;
import com.agentbattles.query.agent.CredentialReadModel;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /auth}: registration (key and secret shown once) and login (JWT). */
@RestController
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

    public record RegisterRequest(String displayName, String email) {
    }

    public record RegisterResponse(String accountId, String displayName, String apiKey, String apiSecret,
                                   String defaultAgentId) {
    }

    public record LoginRequest(String apiKey, String apiSecret) {
    }

    public record LoginResponse(String token, long expiresIn, String tokenType, String accountId) {
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    public RegisterResponse register(@RequestBody RegisterRequest request) {
        RegistrationService.Registration created = registration.register(request.displayName(), request.email());
        barrier.awaitProjections();
        return new RegisterResponse(created.accountId(), request.displayName().strip(), created.apiKey(),
                created.apiSecret(), created.defaultAgentId());
    }

    @PostMapping("/login")
    public LoginResponse login(@RequestBody LoginRequest request) {
        if (request.apiKey() == null || request.apiKey().isBlank()) {
            throw Decimals.invalid("api_key", "is required");
        }
        if (request.apiSecret() == null || request.apiSecret().isBlank()) {
            throw Decimals.invalid("api_secret", "is required");
        }
        var account = credentials.findByKeyHash(ApiKeys.hash(request.apiKey().strip()))
                .flatMap(credential -> accounts.find(credential.accountId())
                        .filter(row -> row.defaultAgentId().equals(credential.agentId())))
                .filter(row -> ApiKeys.matches(request.apiSecret().strip(), row.apiSecretHash()))
                .orElseThrow(() -> new DomainException(ErrorCode.INVALID_API_KEY, "api_key or api_secret is not valid"));
        TokenService.IssuedToken token = tokens.issue(account.accountId());
        return new LoginResponse(token.token(), token.expiresIn(), "Bearer", account.accountId());
    }
}
