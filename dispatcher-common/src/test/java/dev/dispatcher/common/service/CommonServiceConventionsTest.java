package dev.dispatcher.common.service;

import dev.dispatcher.common.testing.ServiceConventionsContract;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = ServiceTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dispatcher.topics.prefix=conventions", "dispatcher.topics.sources-helm=testing: {}"})
class CommonServiceConventionsTest extends ServiceConventionsContract {

    /** The conventions' own test application: only the metrics every service shares. */
    @Override
    protected String service() {
        return "common";
    }
}
