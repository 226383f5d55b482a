#include "ui/shell/message_reporter.h"

#include <QMessageBox>
#include <QPushButton>

namespace vpf {

void MessageReporter::error(QWidget* parent, const QString& title, const QString& text) {
  // On stderr too: a user who started vpflab from a terminal (with options) reads it there, and
  // the text can be copied (issue 16, finding 8).
  qWarning("vpflab: %s: %s", qPrintable(title), qPrintable(text));
  QMessageBox box(QMessageBox::Critical, title, text, QMessageBox::Ok, parent);
  box.setObjectName(QStringLiteral("vpfErrorBox"));
  box.exec();
}

void MessageReporter::information(QWidget* parent, const QString& title, const QString& text) {
  QMessageBox box(QMessageBox::Information, title, text, QMessageBox::Ok, parent);
  box.setObjectName(QStringLiteral("vpfInfoBox"));
  box.exec();
}

bool MessageReporter::question(QWidget* parent, const QString& title, const QString& text) {
  QMessageBox box(QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::No, parent);
  box.setObjectName(QStringLiteral("vpfQuestionBox"));
  box.setDefaultButton(QMessageBox::Yes);
  return box.exec() == QMessageBox::Yes;
}

int MessageReporter::choose(QWidget* parent, const QString& title, const QString& text, const QStringList& verbs) {
  QMessageBox box(QMessageBox::Question, title, text, QMessageBox::NoButton, parent);
  box.setObjectName(QStringLiteral("vpfChoiceBox"));
  QList<QPushButton*> buttons;
  for (int i = 0; i < verbs.size(); ++i) {
    const bool cancel = i == verbs.size() - 1;
    buttons << box.addButton(
        verbs[i], i == 0 ? QMessageBox::AcceptRole : (cancel ? QMessageBox::RejectRole : QMessageBox::ActionRole));
  }
  if (!buttons.isEmpty()) {
    box.setDefaultButton(buttons.first());
    box.setEscapeButton(buttons.last());
  }
  box.exec();
  const int chosen = static_cast<int>(buttons.indexOf(static_cast<QPushButton*>(box.clickedButton())));
  return chosen >= 0 ? chosen : static_cast<int>(verbs.size()) - 1;
}

MessageReporter::SaveChoice MessageReporter::askSave(QWidget* parent, const QString& title, const QString& text) {
  QMessageBox box(QMessageBox::Question, title, text, QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                  parent);
  box.setObjectName(QStringLiteral("vpfSaveBox"));
  box.setDefaultButton(QMessageBox::Save);
  switch (box.exec()) {
    case QMessageBox::Save: return SaveChoice::Save;
    case QMessageBox::Discard: return SaveChoice::Discard;
    default: return SaveChoice::Cancel;
  }
}

void NonInteractiveReporter::error(QWidget*, const QString& title, const QString& text) {
  errors << title + QStringLiteral(": ") + text;
  qWarning("%s: %s", qPrintable(title), qPrintable(text));
}

void NonInteractiveReporter::information(QWidget*, const QString& title, const QString& text) {
  qInfo("%s: %s", qPrintable(title), qPrintable(text));
}

bool NonInteractiveReporter::question(QWidget*, const QString& title, const QString& text) {
  questions << title + QStringLiteral(": ") + text;
  return m_answerYes;
}

int NonInteractiveReporter::choose(QWidget*, const QString& title, const QString& text, const QStringList& verbs) {
  questions << title + QStringLiteral(": ") + text + QStringLiteral(" [") + verbs.join(QStringLiteral(" | ")) +
                   QLatin1Char(']');
  const int cancel = static_cast<int>(verbs.size()) - 1;
  if (!m_answerYes) return cancel;
  for (int i = 0; i < cancel; ++i)
    if (!verbs[i].endsWith(QChar(0x2026))) return i;  // "Save…" would open a file dialog
  return cancel;
}

MessageReporter::SaveChoice NonInteractiveReporter::askSave(QWidget*, const QString& title, const QString& text) {
  questions << title + QStringLiteral(": ") + text;
  return m_save;
}

}  // namespace vpf
