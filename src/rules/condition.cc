#include "condition.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "problems.h"

namespace vtaudit {

struct Condition::Node {
  enum class Op { kOr, kAnd, kNot, kIn, kSet };
  Op op;
  std::vector<std::shared_ptr<const Node>> children;  // kOr, kAnd, kNot
  CaseField field = CaseField::kCaseId;               // kIn, kSet
  std::vector<std::string> values;                    // kIn
};

namespace {

using NodePtr = std::shared_ptr<const Condition::Node>;
using Op = Condition::Node::Op;

struct Token {
  enum class Kind { kWord, kQuoted, kEq, kNe, kLParen, kRParen, kComma, kEnd };
  Kind kind;
  std::string text;
  size_t offset;
};

bool IsWordChar(char ch) {
  return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-' || ch == '.';
}

bool Tokenize(std::string_view s, std::vector<Token>* out, ConditionError* err) {
  size_t i = 0;
  while (i < s.size()) {
    const char ch = s[i];
    if (std::isspace(static_cast<unsigned char>(ch))) {
      ++i;
    } else if (ch == '(') {
      out->push_back({Token::Kind::kLParen, "(", i++});
    } else if (ch == ')') {
      out->push_back({Token::Kind::kRParen, ")", i++});
    } else if (ch == ',') {
      out->push_back({Token::Kind::kComma, ",", i++});
    } else if (ch == '=') {
      out->push_back({Token::Kind::kEq, "=", i++});
    } else if (ch == '!' && i + 1 < s.size() && s[i + 1] == '=') {
      out->push_back({Token::Kind::kNe, "!=", i});
      i += 2;
    } else if (ch == '\'') {
      const size_t end = s.find('\'', i + 1);
      if (end == std::string_view::npos) {
        *err = {i, "unterminated quoted value", Problem("problem.condition.unterminated_quote")};
        return false;
      }
      out->push_back({Token::Kind::kQuoted, std::string(s.substr(i + 1, end - i - 1)), i});
      i = end + 1;
    } else if (IsWordChar(ch)) {
      const size_t start = i;
      while (i < s.size() && IsWordChar(s[i])) ++i;
      out->push_back({Token::Kind::kWord, std::string(s.substr(start, i - start)), start});
    } else {
      *err = {
          i, std::string("unexpected character '") + ch + "'",
          Problem("problem.condition.unexpected_character", {{"character", std::string(1, ch)}})};
      return false;
    }
  }
  out->push_back({Token::Kind::kEnd, "end of condition", s.size()});
  return true;
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, ConditionError* err) : tokens_(std::move(tokens)), err_(err) {}

  NodePtr ParseAll() {
    NodePtr n = ParseOr();
    if (n && peek().kind != Token::Kind::kEnd)
      return Fail("expected 'and', 'or' or end, got '" + peek().text + "'",
                  Got("problem.condition.expected_end"));
    return n;
  }

 private:
  const Token& peek() const { return tokens_[pos_]; }
  bool PeekWord(std::string_view w) const {
    return peek().kind == Token::Kind::kWord && peek().text == w;
  }
  NodePtr Fail(std::string message, ProblemCode problem) {
    if (err_->message.empty()) *err_ = {peek().offset, std::move(message), std::move(problem)};
    return nullptr;
  }
  // The problem `key` with {got}: the token at hand, or the reason that names the end.
  ProblemCode Got(std::string_view key) const {
    ProblemCode p = Problem(key, {{"got", peek().text}});
    if (peek().kind == Token::Kind::kEnd)
      PutReason(&p.args, "got", Problem("problem.condition.the_end"));
    return p;
  }

  NodePtr ParseOr() {
    NodePtr left = ParseAnd();
    if (!left || !PeekWord("or")) return left;
    auto node = std::make_shared<Condition::Node>(Condition::Node{Op::kOr, {left}, {}, {}});
    while (PeekWord("or")) {
      ++pos_;
      NodePtr right = ParseAnd();
      if (!right) return nullptr;
      node->children.push_back(right);
    }
    return node;
  }

  NodePtr ParseAnd() {
    NodePtr left = ParseUnary();
    if (!left || !PeekWord("and")) return left;
    auto node = std::make_shared<Condition::Node>(Condition::Node{Op::kAnd, {left}, {}, {}});
    while (PeekWord("and")) {
      ++pos_;
      NodePtr right = ParseUnary();
      if (!right) return nullptr;
      node->children.push_back(right);
    }
    return node;
  }

  // Nesting is bounded, so a hostile condition (20,000 parentheses, 50,000 chained `not`)
  // is an error, not a stack overflow of this recursive parser, of Matches or of the
  // destruction of the tree.
  static constexpr int kMaxDepth = 100;

  NodePtr ParseUnary() {
    struct Deeper {
      explicit Deeper(int* d) : depth(d) { ++*depth; }
      ~Deeper() { --*depth; }
      int* depth;
    } deeper(&depth_);
    if (depth_ > kMaxDepth) {
      return Fail("conditions nest at most " + std::to_string(kMaxDepth) +
                      " levels deep (of 'not' and parentheses)",
                  Problem("problem.condition.too_deep", {{"max", std::to_string(kMaxDepth)}}));
    }
    if (PeekWord("not")) {
      ++pos_;
      NodePtr inner = ParseUnary();
      if (!inner) return nullptr;
      return std::make_shared<Condition::Node>(Condition::Node{Op::kNot, {inner}, {}, {}});
    }
    if (peek().kind == Token::Kind::kLParen) {
      ++pos_;
      NodePtr inner = ParseOr();
      if (!inner) return nullptr;
      if (peek().kind != Token::Kind::kRParen)
        return Fail("expected ')', got '" + peek().text + "'",
                    Got("problem.condition.expected_close"));
      ++pos_;
      return inner;
    }
    return ParseTest();
  }

  NodePtr ParseTest() {
    if (peek().kind != Token::Kind::kWord)
      return Fail("expected a case field, got '" + peek().text + "'",
                  Got("problem.condition.expected_field"));
    const std::string field = peek().text;
    const std::optional<CaseField> resolved = CaseFieldFromName(field);
    if (!resolved) {
      return Fail("unknown case field '" + field + "'",
                  Problem("problem.condition.unknown_field", {{"field", field}}));
    }
    ++pos_;
    const Token& op = peek();
    if (op.kind == Token::Kind::kEq || op.kind == Token::Kind::kNe) {
      ++pos_;
      std::string value;
      if (!ParseValue(&value)) return nullptr;
      auto test =
          std::make_shared<Condition::Node>(Condition::Node{Op::kIn, {}, *resolved, {value}});
      if (op.kind == Token::Kind::kEq) return test;
      return std::make_shared<Condition::Node>(Condition::Node{Op::kNot, {test}, {}, {}});
    }
    if (PeekWord("in")) {
      ++pos_;
      if (peek().kind != Token::Kind::kLParen) {
        return Fail("expected '(' after 'in'", Problem("problem.condition.expected_open"));
      }
      ++pos_;
      std::vector<std::string> values;
      do {
        if (!values.empty()) ++pos_;  // the comma
        std::string value;
        if (!ParseValue(&value)) return nullptr;
        values.push_back(std::move(value));
      } while (peek().kind == Token::Kind::kComma);
      if (peek().kind != Token::Kind::kRParen)
        return Fail("expected ',' or ')', got '" + peek().text + "'",
                    Got("problem.condition.expected_comma"));
      ++pos_;
      return std::make_shared<Condition::Node>(Condition::Node{Op::kIn, {}, *resolved, values});
    }
    if (PeekWord("is")) {
      ++pos_;
      if (PeekWord("set") || PeekWord("empty")) {
        const bool set = peek().text == "set";
        ++pos_;
        auto test = std::make_shared<Condition::Node>(Condition::Node{Op::kSet, {}, *resolved, {}});
        if (set) return test;
        return std::make_shared<Condition::Node>(Condition::Node{Op::kNot, {test}, {}, {}});
      }
      return Fail("expected 'set' or 'empty' after 'is'",
                  Problem("problem.condition.expected_set_or_empty"));
    }
    return Fail("expected '=', '!=', 'in' or 'is' after '" + field + "'",
                Problem("problem.condition.expected_operator", {{"field", field}}));
  }

  bool ParseValue(std::string* value) {
    if (peek().kind != Token::Kind::kWord && peek().kind != Token::Kind::kQuoted) {
      Fail("expected a value, got '" + peek().text + "'", Got("problem.condition.expected_value"));
      return false;
    }
    *value = peek().text;
    ++pos_;
    return true;
  }

  std::vector<Token> tokens_;
  int depth_ = 0;
  size_t pos_ = 0;
  ConditionError* err_;
};

bool Eval(const Condition::Node& n, const CaseRecord& c) {
  switch (n.op) {
    case Op::kOr:
      return std::any_of(n.children.begin(), n.children.end(),
                         [&](const NodePtr& k) { return Eval(*k, c); });
    case Op::kAnd:
      return std::all_of(n.children.begin(), n.children.end(),
                         [&](const NodePtr& k) { return Eval(*k, c); });
    case Op::kNot:
      return !Eval(*n.children.front(), c);
    case Op::kSet:
      return CaseFieldIsSet(c, n.field);
    case Op::kIn: {
      return std::any_of(n.values.begin(), n.values.end(),
                         [&](const std::string& v) { return CaseFieldHas(c, n.field, v); });
    }
  }
  return false;
}

}  // namespace

std::optional<Condition> Condition::Parse(std::string_view text, ConditionError* error) {
  *error = {};
  std::vector<Token> tokens;
  if (!Tokenize(text, &tokens, error)) return std::nullopt;
  Condition c;
  c.text_ = std::string(text);
  if (tokens.size() == 1) {
    *error = {0, "empty condition", Problem("problem.condition.empty")};
    return std::nullopt;
  }
  Parser parser(std::move(tokens), error);
  c.root_ = parser.ParseAll();
  if (!c.root_) return std::nullopt;
  return c;
}

bool Condition::Matches(const CaseRecord& c) const { return root_ == nullptr || Eval(*root_, c); }

}  // namespace vtaudit
