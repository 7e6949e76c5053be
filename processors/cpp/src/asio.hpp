// Boost.Asio and Boost.Beast, included in one place: Boost 1.74's awaitable.hpp uses
// std::exchange without including <utility>, which GCC 12's headers no longer pull in.
#pragma once

#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace processor {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
}  // namespace processor
