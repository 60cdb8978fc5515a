package dev.dispatcher.api;

import dev.dispatcher.common.testing.ServiceConventionsContract;
import org.springframework.boot.test.context.SpringBootTest;

/** dispatcher-api boots on the shared broker, provisions its topics, and serves health and metrics. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dispatcher.topics.prefix=api-conventions", "dispatcher.topics.sources-helm=testing: {}"})
class ApiServiceConventionsTest extends ServiceConventionsContract {
}
