// The report's wording: text-LANG.properties and the templates read from a directory.
#include <fstream>
#include <sstream>

#include "report.h"

namespace vtaudit {

std::string ReportTemplates::T(const std::string& key,
                               const std::map<std::string, std::string>& fields) const {
  auto it = text.find(key);
  if (it == text.end()) return "[" + key + "]";
  std::string out;
  const std::string& v = it->second;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '{') {
      const size_t end = v.find('}', i);
      if (end != std::string::npos) {
        auto f = fields.find(v.substr(i + 1, end - i - 1));
        if (f != fields.end()) {
          out += f->second;
          i = end;
          continue;
        }
      }
    }
    out += v[i];
  }
  return out;
}

Result<std::map<std::string, std::string>> ParseProperties(std::string_view text,
                                                           std::string_view source_name) {
  std::map<std::string, std::string> out;
  std::vector<std::string> errors;
  std::istringstream in{std::string(text)};
  std::string line;
  int number = 0;
  auto trim = [](std::string s) {
    const size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return std::string();
    return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
  };
  while (std::getline(in, line)) {
    ++number;
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    const size_t eq = t.find('=');
    const std::string where = std::string(source_name) + ":" + std::to_string(number) + ": ";
    if (eq == std::string::npos) {
      errors.push_back(where + "expected 'key = value'");
      continue;
    }
    const std::string key = trim(t.substr(0, eq));
    std::string value = trim(t.substr(eq + 1));
    for (size_t p; (p = value.find("\\n")) != std::string::npos;) value.replace(p, 2, "\n");
    if (key.empty()) errors.push_back(where + "empty key");
    if (!out.emplace(key, value).second) errors.push_back(where + "key '" + key + "' given twice");
  }
  if (!errors.empty()) return Status::InvalidAll(std::move(errors));
  return out;
}

Result<ReportTemplates> LoadReportTemplates(const std::string& dir, const std::string& lang) {
  if (lang != "nl" && lang != "en") {
    return Status::Invalid("unknown report language '" + lang + "' (nl or en)");
  }
  auto read = [&](const std::string& name) -> Result<std::string> {
    const std::string path = dir + "/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::NotFound(path + ": cannot open the report template");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  };
  ReportTemplates t;
  t.lang = lang;
  Result<std::string> html = read("report.html");
  if (!html.ok()) return html.status();
  Result<std::string> css = read("report.css");
  if (!css.ok()) return css.status();
  const std::string text_name = "text-" + lang + ".properties";
  Result<std::string> text = read(text_name);
  if (!text.ok()) return text.status();
  Result<std::map<std::string, std::string>> parsed = ParseProperties(*text, dir + "/" + text_name);
  if (!parsed.ok()) return parsed.status();
  t.html = std::move(*html), t.css = std::move(*css), t.text = std::move(*parsed);
  return t;
}

}  // namespace vtaudit
