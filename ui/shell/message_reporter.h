#pragma once
// How the GUI tells the user about errors and asks questions. The default shows QMessageBox
// dialogs (errors also on stderr); tests inject a recording reporter and the screenshot mode a
// non-interactive one, so every error path is testable without a modal dialog blocking the event loop.
#include <QString>
#include <QStringList>

class QWidget;

namespace vpf {

class MessageReporter {
 public:
  enum class SaveChoice { Save, Discard, Cancel };

  virtual ~MessageReporter() = default;
  virtual void error(QWidget* parent, const QString& title, const QString& text);
  virtual void information(QWidget* parent, const QString& title, const QString& text);
  /// Yes/No question; true for Yes.
  virtual bool question(QWidget* parent, const QString& title, const QString& text);
  /// One question answered by verb buttons ("Start New Model", "Keep Training", …) instead of
  /// Yes/No: returns the chosen verb's index. The first verb is the default; the last is Cancel,
  /// which Escape and closing the box also choose.
  virtual int choose(QWidget* parent, const QString& title, const QString& text, const QStringList& verbs);
  virtual SaveChoice askSave(QWidget* parent, const QString& title, const QString& text);
};

/// Never blocks: errors and information go to stderr (qWarning), questions get fixed answers.
class NonInteractiveReporter : public MessageReporter {
 public:
  explicit NonInteractiveReporter(bool answerYes = false, SaveChoice save = SaveChoice::Discard)
      : m_answerYes(answerYes), m_save(save) {}
  void error(QWidget* parent, const QString& title, const QString& text) override;
  void information(QWidget* parent, const QString& title, const QString& text) override;
  bool question(QWidget* parent, const QString& title, const QString& text) override;
  /// Answering yes: the first verb that opens no further dialog (none ending in "…"); else Cancel.
  int choose(QWidget* parent, const QString& title, const QString& text, const QStringList& verbs) override;
  SaveChoice askSave(QWidget* parent, const QString& title, const QString& text) override;

  QStringList errors;     // "title: text"
  QStringList questions;  // "title: text"

 private:
  bool m_answerYes;
  SaveChoice m_save;
};

}  // namespace vpf
