// Crash-safe files (issue 17 §4), with the real programs as child processes:
// - `vpf train` killed (SIGKILL) at random moments while it rewrites its checkpoint every epoch leaves
//   a checkpoint that loads and resumes, never a torn one; the next run removes the killed write's
//   temp file;
// - `vpflab` killed while training leaves an autosave that Autosave offers and loadModel reads;
// - a full disk (the file-size limit RLIMIT_FSIZE, so a write fails with EFBIG as with ENOSPC) gives
//   exit code 1 and a message naming the file, and keeps the previous checkpoint, image, CSV and figure
//   byte for byte.
#include <sys/resource.h>

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <csignal>
#include <random>

#include "core/common/rng.h"
#include "core/io/model_file.h"
#include "tests/support/expect_error.h"
#include "tests/support/idx_fixtures.h"
#include "ui/shell/autosave.h"

using namespace vpf;
using vpf::testing::errorOf;

namespace {

struct Run {
  int exitCode = -1;
  QByteArray err;
};

// Runs `program` to its end; with fileSizeLimit > 0 the child may not write files larger than that.
Run runProgram(const QString& program, const QStringList& args, rlim_t fileSizeLimit = 0) {
  QProcess p;
  if (fileSizeLimit > 0)
    p.setChildProcessModifier([fileSizeLimit] {
      const rlimit limit{fileSizeLimit, fileSizeLimit};
      ::setrlimit(RLIMIT_FSIZE, &limit);
      std::signal(SIGXFSZ, SIG_IGN);  // a write past the limit then fails with EFBIG instead of killing
    });
  p.start(program, args);
  p.waitForFinished(300000);
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardError()};
}

Run runVpf(const QStringList& args, rlim_t fileSizeLimit = 0) { return runProgram(VPF_CLI_PATH, args, fileSizeLimit); }

QByteArray digest(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// The temp files of writes to `file` that have not been renamed (yet).
QStringList tempFilesOf(const QString& file) {
  const QFileInfo info(file);
  return QDir(info.absolutePath()).entryList({info.fileName() + ".tmp-*"}, QDir::Files);
}

// Starts `program`, waits `ms`, notes whether a write to `watched` was under way, then SIGKILLs it.
bool killAfter(const QString& program, const QStringList& args, int ms, const QString& watched,
               const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
  QProcess p;
  p.setProcessEnvironment(env);
  p.start(program, args);
  if (!p.waitForStarted()) return false;
  QThread::msleep(static_cast<unsigned long>(ms));
  const bool writing = !tempFilesOf(watched).isEmpty();
  p.kill();  // SIGKILL
  p.waitForFinished(30000);
  return writing;
}

}  // namespace

class TestCrashSafeFiles : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;
  QString path(const QString& name) const { return m_dir.filePath(name); }

 private slots:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void killedTrainingLeavesACheckpointThatLoadsAndResumes() {
    // A large RBM on few images: its 14 MB checkpoint is rewritten every ~0.2 s, so many kills land
    // mid-write.
    const QString ck = path("ck.npz");
    const QStringList data{"--dataset", "mnist", "--train-limit", "300", "--quiet"};
    QElapsedTimer firstRun;
    firstRun.start();
    Run first = runVpf(QStringList{"train", "--model", "rbm:1500", "--epochs", "1", "--out", ck} + data);
    QVERIFY2(first.exitCode == 0, first.err.constData());
    // Kill times scale with this machine's start-up + one epoch (T), from T/2 to 2T: most kills
    // come after an epoch was written, on a fast machine or a loaded one alike.
    const int t = static_cast<int>(std::max<qint64>(400, firstRun.elapsed()));
    int epochs = 1, duringWrite = 0;
    std::mt19937 random(17);
    const int kills = 20;
    for (int i = 0; i < kills; ++i) {
      const int ms = std::uniform_int_distribution<int>(t / 2, 2 * t)(random);
      duringWrite += killAfter(VPF_CLI_PATH,
                               QStringList{"train", "--resume", ck, "--epochs", "100000", "--out", ck} + data, ms, ck);
      ModelFile f;
      const std::string error = errorOf([&] { f = loadModel(ck.toStdString()); });
      QVERIFY2(error == "<no error>",
               qPrintable(QStringLiteral("kill %1 after %2 ms: %3").arg(i).arg(ms).arg(error.c_str())));
      QVERIFY(f.trainerState.has_value());
      QVERIFY2(f.meta.epochsDone >= epochs, "a kill lost completed epochs");
      epochs = f.meta.epochsDone;
    }
    qInfo("%d kills between %d and %d ms, %d of them while the checkpoint was being written; %d epochs kept", kills,
          t / 2, 2 * t, duringWrite, epochs);
    QVERIFY2(epochs > 1, "no epoch was completed between the kills");
    // The killed writes' temp files are removed by the next run of the file's writer, which resumes.
    const Run next =
        runVpf(QStringList{"train", "--resume", ck, "--epochs", QString::number(epochs + 1), "--out", ck} + data);
    QVERIFY2(next.exitCode == 0, next.err.constData());
    QVERIFY2(tempFilesOf(ck).isEmpty(), qPrintable(tempFilesOf(ck).join(' ')));
    QCOMPARE(loadModel(ck.toStdString()).meta.epochsDone, epochs + 1);
  }

  void killedDesktopAppLeavesARecoverableAutosave() {
    // 400 random binary 28×28 images with labels, so an epoch of RBM(1500) takes a fraction of a second.
    Rng rng(5);
    testing::Bytes pixels(400 * 784), labels(400);
    for (auto& p : pixels) p = rng.uniform() < 0.15 ? 255 : 0;
    for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = static_cast<std::uint8_t>(i % 10);
    const QString images = path("gui-images.idx"), labelFile = path("gui-labels.idx");
    testing::writeRaw(images, testing::idxBytes({400, 28, 28}, pixels));
    testing::writeRaw(labelFile, testing::idxBytes({400}, labels));

    // The app's data folder (QStandardPaths::AppDataLocation) inside the test's folder.
    const QString home = path("gui-home");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_DATA_HOME", home + "/data");
    env.insert("XDG_CONFIG_HOME", home + "/config");
    const QStringList args{"--dataset",      "idx:" + images + "|" + labelFile,
                           "--arch",         "rbm:1500",
                           "--after-epochs", "100000",
                           "--save-model",   path("never.npz")};
    QString checkpoint;
    int recovered = 0, duringWrite = 0;
    std::mt19937 random(23);
    for (int i = 0; i < 6; ++i) {
      const int ms = std::uniform_int_distribution<int>(2500, 5000)(random);
      duringWrite += killAfter(VPFLAB_PATH, args, ms, checkpoint.isEmpty() ? path("none") : checkpoint, env);
      if (checkpoint.isEmpty()) {
        QDirIterator it(home, {"autosave.npz"}, QDir::Files, QDirIterator::Subdirectories);
        if (it.hasNext()) checkpoint = it.next();
      }
      if (checkpoint.isEmpty()) continue;  // killed before the first epoch ended
      const Autosave autosave(QFileInfo(checkpoint).absolutePath());
      QVERIFY2(autosave.hasRecoverableCheckpoint(), "the killed session's autosave is not offered");
      ModelFile f;
      const std::string error = errorOf([&] { f = loadModel(checkpoint.toStdString()); });
      QVERIFY2(error == "<no error>", error.c_str());
      QVERIFY(f.meta.epochsDone >= 1 && f.trainerState.has_value());
      ++recovered;
      // Declining the offer: the next session starts a new run and autosaves over this one.
      QFile::remove(autosave.markerPath());
    }
    qInfo("%d recoverable autosaves after kills, %d kills during a write", recovered, duringWrite);
    QVERIFY2(recovered >= 3, "too few kills after the first autosave to test anything");
  }

  void aFullDiskKeepsEveryPreviousFile() {
    const QString ck = path("full.npz"), csv = path("full.csv"), png = path("full.png");
    const QStringList data{"--dataset", "mnist", "--train-limit", "300", "--quiet"};
    Run r = runVpf(QStringList{"train", "--model", "rbm:100", "--epochs", "1", "--out", ck, "--metrics", csv} + data);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QByteArray ckBefore = digest(ck), csvBefore = digest(csv);

    // The checkpoint (~1 MB) cannot be written under a 64 kB limit.
    r = runVpf(QStringList{"train", "--resume", ck, "--epochs", "2", "--out", ck, "--metrics", csv} + data, 65536);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("cannot write") && r.err.contains("File too large") && r.err.contains("full.npz"),
             r.err.constData());
    QCOMPARE(digest(ck), ckBefore);
    QCOMPARE(digest(csv), csvBefore);
    QVERIFY(tempFilesOf(ck).isEmpty());
    QCOMPARE(loadModel(ck.toStdString()).meta.epochsDone, 1);

    // An image: 100 samples are a few kB of PNG.
    r = runVpf({"sample", "--model", ck, "--count", "100", "--seed", "1", "--out", png});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QByteArray pngBefore = digest(png);
    r = runVpf({"sample", "--model", ck, "--count", "100", "--seed", "2", "--out", png}, 512);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("full.png"), r.err.constData());
    QCOMPARE(digest(png), pngBefore);

    // A figure through the export code the desktop app uses (QSaveFile), and its CSV.
    const QString curves = path("stdp.csv"), pdf = path("stdp.pdf");
    r = runVpf({"stdp", "--out", curves, "--figure", pdf, "--pairings", "2000"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QByteArray curvesBefore = digest(curves), pdfBefore = digest(pdf);
    const rlim_t smaller = static_cast<rlim_t>(std::min(QFileInfo(curves).size(), QFileInfo(pdf).size()) / 2);
    r = runVpf({"stdp", "--out", curves, "--figure", pdf, "--pairings", "2000", "--seed", "9"}, smaller);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("cannot write"), r.err.constData());
    QCOMPARE(digest(curves), curvesBefore);
    QCOMPARE(digest(pdf), pdfBefore);
    QVERIFY(tempFilesOf(curves).isEmpty() && tempFilesOf(pdf).isEmpty());
  }
};

QTEST_GUILESS_MAIN(TestCrashSafeFiles)
#include "test_crash_safe_files.moc"
