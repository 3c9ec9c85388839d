// The report's templates and wording, read from a directory (reports/README.md).
#include <fstream>
#include <sstream>

#include "report.h"

namespace vtaudit {

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
  Result<Translator> words = Translator::FromText(*text, dir + "/" + text_name, lang);
  if (!words.ok()) return words.status();
  t.html = std::move(*html), t.css = std::move(*css), t.words = std::move(*words);
  return t;
}

}  // namespace vtaudit
