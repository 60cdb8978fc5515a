package dev.dispatcher.common.service;

import dev.dispatcher.common.testing.ServiceConventionsContract;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = ServiceTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dispatcher.topics.prefix=conventions", "dispatcher.topics.sources-helm=testing: {}"})
class CommonServiceConventionsTest extends ServiceConventionsContract {
}
