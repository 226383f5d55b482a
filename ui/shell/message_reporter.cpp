#include "ui/shell/message_reporter.h"

#include <QMessageBox>

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

MessageReporter::SaveChoice NonInteractiveReporter::askSave(QWidget*, const QString& title, const QString& text) {
  questions << title + QStringLiteral(": ") + text;
  return m_save;
}

}  // namespace vpf
