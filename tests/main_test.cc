// The one Boost.Test module of vtaudit; each src module has its <module>_test.cc.
#define BOOST_TEST_MODULE vtaudit
#include <boost/test/unit_test.hpp>
