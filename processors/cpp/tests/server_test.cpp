// The server in-process on a free port, over real TCP, with a raw client.
#include "server.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <thread>

#include "raw_client.hpp"

namespace processor {
namespace {

using testing::RawClient;
using testing::http_request;

constexpr std::uint64_t kLimit = 1024;
const std::string kEvent = R"([{"key":"a","ts":1,"value":1.5,"kind":"reading"}])";
const std::string kJson = "Content-Type: application/json\r\n";

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Config config;
    config.port = 0;
    config.threads = 2;
    config.max_body_bytes = kLimit;
    server_ = std::make_unique<Server>(config);
    thread_ = std::thread([this] { server_->run(); });
  }
  void TearDown() override {
    server_->request_stop();
    thread_.join();
  }
  std::uint16_t port() const { return server_->port(); }
  // A fresh connection answers: the process is still serving.
  void expect_still_serving() {
    RawClient fresh(port());
    const auto r = fresh.request(http_request("GET", "/health"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200u);
  }

  std::unique_ptr<Server> server_;
  std::thread thread_;
};

TEST_F(ServerTest, AnswersHealthAsJsonWithADate) {
  RawClient client(port());
  const auto r = client.request(http_request("GET", "/health"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200u);
  EXPECT_EQ(r->header("content-type"), "application/json");
  EXPECT_FALSE(r->header("date").empty());
  EXPECT_EQ(r->body, R"({"status":"ok","impl":"cpp","version":"0.1.0"})");
}

TEST_F(ServerTest, UnknownPathIs404) {
  RawClient client(port());
  const auto r = client.request(http_request("GET", "/nope"));
  EXPECT_EQ(r->status, 404u);
  EXPECT_EQ(r->body, R"({"error":"not found"})");
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
  RawClient client(port());
  auto r = client.request(http_request("POST", "/health"));
  EXPECT_EQ(r->status, 405u);
  EXPECT_EQ(r->header("allow"), "GET, HEAD");
  r = client.request(http_request("DELETE", "/v1/events"));
  EXPECT_EQ(r->status, 405u);
  EXPECT_EQ(r->header("allow"), "POST");
}

TEST_F(ServerTest, UnknownPathWinsOverWrongMethod) {
  RawClient client(port());
  EXPECT_EQ(client.request(http_request("PUT", "/nope", "Content-Type: text/plain\r\n", "x"))->status, 404u);
}

TEST_F(ServerTest, HeadAnswersLikeGetWithoutABody) {
  RawClient client(port());
  ASSERT_TRUE(client.send(http_request("HEAD", "/v1/stats")));
  const auto head = client.read_response(true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200u);
  EXPECT_EQ(head->header("content-length"), "31");
  EXPECT_EQ(client.request(http_request("GET", "/v1/stats"))->body, R"({"keys":0,"events":0,"reads":0})");
}

TEST_F(ServerTest, IngestsAndReadsBack) {
  RawClient client(port());
  const auto r = client.request(http_request("POST", "/v1/events", kJson, kEvent));
  EXPECT_EQ(r->status, 200u);
  EXPECT_EQ(r->body, R"({"accepted":1,"rejected":0,"errors":[]})");
  EXPECT_EQ(client.request(http_request("GET", "/v1/keys/a?x=1"))->body,
            R"({"key":"a","count":1,"sum":1.5,"min":1.5,"max":1.5,"mean":1.5,"last":1.5,"last_ts":1,"alerts":0,"window":[1.5],"median":1.5})");
  EXPECT_EQ(client.request(http_request("GET", "/v1/keys/b"))->status, 404u);
}

TEST_F(ServerTest, StateIsSharedAcrossConnectionsAndThreads) {
  for (int i = 0; i < 6; ++i) {
    RawClient client(port());
    EXPECT_EQ(client.request(http_request("POST", "/v1/events", kJson, kEvent))->status, 200u);
  }
  RawClient client(port());
  EXPECT_EQ(client.request(http_request("GET", "/v1/stats"))->body, R"({"keys":1,"events":6,"reads":0})");
}

TEST_F(ServerTest, ResetClearsStateAndIgnoresItsBody) {
  RawClient client(port());
  client.request(http_request("POST", "/v1/events", kJson, kEvent));
  const auto r = client.request(http_request("POST", "/v1/reset", "Content-Type: image/png\r\n", "\xff\xfe"));
  EXPECT_EQ(r->status, 200u);
  EXPECT_EQ(r->body, R"({"reset":true})");
  EXPECT_EQ(client.request(http_request("GET", "/v1/stats"))->body, R"({"keys":0,"events":0,"reads":0})");
}

TEST_F(ServerTest, WrongContentTypeIs415AndTheConnectionStaysUsable) {
  RawClient client(port());
  auto r = client.request(http_request("POST", "/v1/events", "Content-Type: text/plain\r\n", kEvent));
  EXPECT_EQ(r->status, 415u);
  EXPECT_NE(r->header("connection"), "close");
  r = client.request(http_request("POST", "/v1/reads", "", "@r\nA\n+\nI\n"));
  EXPECT_EQ(r->status, 415u);
  EXPECT_EQ(client.request(http_request("GET", "/health"))->status, 200u);
}

TEST_F(ServerTest, ContentTypeIsCheckedBeforeSize) {
  RawClient client(port());
  EXPECT_EQ(client.request(http_request("POST", "/v1/events", "Content-Type: text/plain\r\n", std::string(kLimit + 1, '[')))->status, 415u);
}

TEST_F(ServerTest, DeclaredOversizeBodyIs413ThenTheServerReadsWhatIsSentAndCloses) {
  const std::string body(kLimit + 1, ' ');
  // The header alone (declaring kLimit + 1 bytes) is enough for the answer.
  RawClient declared(port());
  ASSERT_TRUE(declared.send("POST /v1/events HTTP/1.1\r\nHost: t\r\n" + kJson + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n"));
  const auto r = declared.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413u);
  EXPECT_EQ(r->header("connection"), "close");
  // The body may still arrive after the answer: it is read and dropped, not reset.
  EXPECT_TRUE(declared.send(body));
  EXPECT_TRUE(declared.closed_by_server());
  expect_still_serving();
}

TEST_F(ServerTest, BodyOfExactlyTheLimitIsRead) {
  RawClient client(port());
  const auto r = client.request(http_request("POST", "/v1/events", kJson, std::string(kLimit, ' ')));
  EXPECT_EQ(r->status, 400u);  // within the limit, then malformed (whitespace only)
}

TEST_F(ServerTest, ChunkedBodyIsReadAndLimited) {
  RawClient client(port());
  const std::string te = kJson + "Transfer-Encoding: chunked\r\n";
  std::stringstream hex;
  hex << std::hex << kEvent.size() - 5;
  const std::string chunked = "5\r\n" + kEvent.substr(0, 5) + "\r\n" + hex.str() + "\r\n" + kEvent.substr(5) + "\r\n0\r\n\r\n";
  auto r = client.request(http_request("POST", "/v1/events", te, chunked, false));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200u);

  const std::string big(kLimit + 10, ' ');
  hex.str("");
  hex << std::hex << big.size();
  r = client.request(http_request("POST", "/v1/events", te, hex.str() + "\r\n" + big + "\r\n0\r\n\r\n", false));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413u);
  EXPECT_EQ(r->header("connection"), "close");
  EXPECT_TRUE(client.closed_by_server());
  expect_still_serving();
}

TEST_F(ServerTest, EmptyBodiesAreMalformedJsonAndZeroReads) {
  RawClient client(port());
  EXPECT_EQ(client.request(http_request("POST", "/v1/events", kJson, ""))->status, 400u);
  EXPECT_EQ(client.request(http_request("POST", "/v1/reads", "Content-Type: text/plain\r\n", ""))->body.substr(0, 10), R"({"reads":0)");
}

TEST_F(ServerTest, InvalidUtf8Is400) {
  RawClient client(port());
  EXPECT_EQ(client.request(http_request("POST", "/v1/events", kJson, "[\xff]"))->status, 400u);
  EXPECT_EQ(client.request(http_request("POST", "/v1/reads", "Content-Type: text/plain\r\n", "@\xff\nA\n+\nI\n"))->status, 400u);
}

TEST_F(ServerTest, BrokenFastqNamesTheRecord) {
  RawClient client(port());
  const auto r = client.request(http_request("POST", "/v1/reads", "Content-Type: text/plain; charset=utf-8\r\n", "@r\nACGT\n+\nII\n"));
  EXPECT_EQ(r->status, 400u);
  EXPECT_NE(r->body.find(R"("record":1,"reason":"quality")"), std::string::npos) << r->body;
  EXPECT_EQ(client.request(http_request("GET", "/v1/stats"))->body, R"({"keys":0,"events":0,"reads":0})");
}

TEST_F(ServerTest, Accepts16KiBOfHeaders) {
  RawClient client(port());
  const auto r = client.request(http_request("GET", "/health", "X-Filler: " + std::string(16 * 1024 - 100, 'a') + "\r\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200u);
}

TEST_F(ServerTest, HeadersOver64KiBAre431AndTheConnectionCloses) {
  RawClient client(port());
  ASSERT_TRUE(client.send(http_request("GET", "/health", "X-Filler: " + std::string(100 * 1000, 'a') + "\r\n")));
  const auto r = client.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431u);
  EXPECT_EQ(r->header("connection"), "close");
  EXPECT_NE(r->body.find("\"error\""), std::string::npos);
  EXPECT_TRUE(client.closed_by_server());
  expect_still_serving();
}

TEST_F(ServerTest, ContentLengthWithTransferEncodingIs400AndCloses) {
  RawClient client(port());
  const auto r = client.request("POST /v1/events HTTP/1.1\r\nHost: t\r\n" + kJson +
                                "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400u);
  EXPECT_EQ(r->header("connection"), "close");
  EXPECT_TRUE(client.closed_by_server());
  expect_still_serving();
}

TEST_F(ServerTest, TransferEncodingBeforeContentLengthIs400AndCloses) {
  RawClient client(port());
  const auto r = client.request("POST /v1/events HTTP/1.1\r\nHost: t\r\n" + kJson +
                                "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400u);
  EXPECT_EQ(r->header("connection"), "close");
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(ServerTest, TransferEncodingOtherThanChunkedIs400) {
  RawClient client(port());
  const auto r = client.request("POST /v1/events HTTP/1.1\r\nHost: t\r\n" + kJson + "Transfer-Encoding: gzip\r\n\r\nxyz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400u);
  EXPECT_EQ(r->header("connection"), "close");
}

TEST_F(ServerTest, MalformedRequestLineIsAJson400) {
  RawClient client(port());
  const auto r = client.request("NOT A REQUEST\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400u);
  EXPECT_EQ(r->header("content-type"), "application/json");
  expect_still_serving();
}

TEST_F(ServerTest, ExpectContinueGetsAnInterimAnswer) {
  RawClient client(port());
  ASSERT_TRUE(client.send("POST /v1/events HTTP/1.1\r\nHost: t\r\n" + kJson + "Expect: 100-continue\r\nContent-Length: " +
                          std::to_string(kEvent.size()) + "\r\n\r\n"));
  const auto interim = client.read_response();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100u);
  ASSERT_TRUE(client.send(kEvent));
  EXPECT_EQ(client.read_response()->status, 200u);
}

TEST_F(ServerTest, EarlyAnswerToAClientWaitingForContinueCloses) {
  RawClient client(port());
  ASSERT_TRUE(client.send("POST /v1/events HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n"));
  const auto r = client.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 415u);
  EXPECT_EQ(r->header("connection"), "close");
}

TEST_F(ServerTest, AnswersPipelinedRequestsInOrder) {
  RawClient client(port());
  ASSERT_TRUE(client.send(http_request("POST", "/v1/events", kJson, kEvent) + http_request("GET", "/v1/stats") + http_request("GET", "/nope")));
  EXPECT_EQ(client.read_response()->status, 200u);
  EXPECT_EQ(client.read_response()->body, R"({"keys":1,"events":1,"reads":0})");
  EXPECT_EQ(client.read_response()->status, 404u);
}

TEST_F(ServerTest, Http10ClosesUnlessAskedToKeepAlive) {
  RawClient client(port());
  ASSERT_TRUE(client.send("GET /health HTTP/1.0\r\n\r\n"));
  EXPECT_EQ(client.read_response()->status, 200u);
  EXPECT_TRUE(client.closed_by_server());
}

TEST(ServerStop, EndsIdleConnectionsAndReturns) {
  Config config;
  config.port = 0;
  Server server(config);
  std::thread thread([&] { server.run(); });
  RawClient idle(server.port());
  ASSERT_EQ(idle.request(http_request("GET", "/health"))->status, 200u);
  server.request_stop();
  thread.join();
  EXPECT_TRUE(idle.closed_by_server());
}

TEST(ServerStartup, PortInUseIsAStartupError) {
  Config config;
  config.port = 0;
  Server first(config);
  config.port = first.port();
  try {
    Server second(config);
    FAIL() << "bound a port in use";
  } catch (const StartupError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot listen on 127.0.0.1:"), std::string::npos);
  }
}

}  // namespace
}  // namespace processor
