// CsvWriter: header line, RFC 4180 quoting, shortest round-trip numbers, atomic save.
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "core/common/error.h"
#include "core/io/atomic_file.h"
#include "core/io/csv_writer.h"

using namespace vpf;

namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

class TestCsv : public QObject {
  Q_OBJECT

 private slots:
  void writesHeaderAndRows() {
    CsvWriter csv({"epoch", "objective", "rho"});
    csv.addRow(std::vector<double>{1, 0.5, 0.25});
    csv.addRow(std::vector<std::string>{"2", "x", ""});
    QCOMPARE(csv.text(), std::string("epoch,objective,rho\n1,0.5,0.25\n2,x,\n"));
    QCOMPARE(CsvWriter({"only"}).text(), std::string("only\n"));
  }

  void quotesSpecialCells() {
    CsvWriter csv({"name, with comma", "plain"});
    csv.addRow(std::vector<std::string>{"say \"hi\"", "a\nb"});
    csv.addRow(std::vector<std::string>{"cr\rhere", "no quotes needed; 'single' ok"});
    QCOMPARE(csv.text(), std::string("\"name, with comma\",plain\n"
                                     "\"say \"\"hi\"\"\",\"a\nb\"\n"
                                     "\"cr\rhere\",no quotes needed; 'single' ok\n"));
  }

  void numbersRoundTrip() {
    QCOMPARE(CsvWriter::number(0.1), std::string("0.1"));
    QCOMPARE(CsvWriter::number(3), std::string("3"));
    QCOMPARE(CsvWriter::number(-2.5), std::string("-2.5"));
    QCOMPARE(CsvWriter::number(1e-8), std::string("1e-08"));
    QCOMPARE(CsvWriter::number(1e21), std::string("1e+21"));
    for (double v : {1.0 / 3, M_PI, 1e-300, -123456.789e10, std::numeric_limits<double>::denorm_min(),
                     std::numeric_limits<double>::max(), static_cast<double>(0.1f)}) {
      const std::string s = CsvWriter::number(v);
      QCOMPARE(std::strtod(s.c_str(), nullptr), v);
      QVERIFY2(s.size() <= 24, s.c_str());  // shortest form, not %.17g padding
    }
    QCOMPARE(CsvWriter::number(std::nan("")), std::string("nan"));
    QCOMPARE(CsvWriter::number(-INFINITY), std::string("-inf"));
  }

  void raggedRowIsAnError() {
    CsvWriter csv({"a", "b"});
    QVERIFY_THROWS_EXCEPTION(Error, csv.addRow(std::vector<double>{1}));
    CsvWriter free({});  // no header: rows of any length
    free.addRow(std::vector<double>{1, 2, 3});
    QCOMPARE(free.text(), std::string("1,2,3\n"));
  }

  void savesAtomically() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("out.csv").toStdString();
    CsvWriter csv({"x", "y"});
    csv.addRow(std::vector<double>{1, 2});
    csv.save(path);
    QCOMPARE(readFile(path), csv.text());
    csv.addRow(std::vector<double>{3, 4});
    csv.save(path);  // replaces the old file
    QCOMPARE(readFile(path), std::string("x,y\n1,2\n3,4\n"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);

    const std::string bad = dir.filePath("missing/out.csv").toStdString();
    try {
      csv.save(bad);
      QFAIL("saving into a missing directory must throw");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains(QString::fromStdString(bad)), e.what());
    }
    // Replacing a directory fails, leaves the directory and no temp file behind.
    QVERIFY(QDir(dir.path()).mkdir("sub"));
    const std::string sub = dir.filePath("sub").toStdString();
    QVERIFY_THROWS_EXCEPTION(Error, writeFileAtomically(sub, "x"));
    QVERIFY(QFileInfo(QString::fromStdString(sub)).isDir());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
  }
};

QTEST_APPLESS_MAIN(TestCsv)
#include "test_csv.moc"
