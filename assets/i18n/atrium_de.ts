<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AdminPanelScreen</name>
    <message>
        <source>Kiosk administration</source>
        <translation>Terminal-Verwaltung</translation>
    </message>
    <message>
        <source>Kiosk name</source>
        <translation>Terminalname</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Standort</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Noch zu senden</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Letzter Abgleich</translation>
    </message>
    <message>
        <source>Last problem</source>
        <translation>Letztes Problem</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message numerus="yes">
        <source>%n check-in(s)</source>
        <translation>
            <numerusform>%n Anmeldung</numerusform>
            <numerusform>%n Anmeldungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Noch nicht abgeglichen</translation>
    </message>
    <message>
        <source>Picture: %1</source>
        <translation>Bild: %1</translation>
    </message>
    <message>
        <source>Picture: waiting for the camera</source>
        <translation>Bild: wartet auf die Kamera</translation>
    </message>
    <message>
        <source>Not installed on this kiosk: %1</source>
        <translation>Auf diesem Terminal nicht installiert: %1</translation>
    </message>
    <message>
        <source>The choice applies now but could not be saved for the next start.</source>
        <translation>Die Auswahl gilt jetzt, konnte aber nicht für den nächsten Start gespeichert werden.</translation>
    </message>
    <message>
        <source>Test picture (no camera)</source>
        <translation>Testbild (keine Kamera)</translation>
    </message>
    <message>
        <source>Camera %1</source>
        <translation>Kamera %1</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keins</translation>
    </message>
    <message numerus="yes">
        <source>Conflicts: passes used twice while offline (%n)</source>
        <translation>
            <numerusform>Konflikte: offline doppelt genutzte Codes (%n)</numerusform>
            <numerusform>Konflikte: offline doppelt genutzte Codes (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>QR decoder</source>
        <translation>QR-Decoder</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Press again to unpair</source>
        <translation>Zum Entkoppeln erneut tippen</translation>
    </message>
    <message>
        <source>Unpair this kiosk</source>
        <translation>Terminal entkoppeln</translation>
    </message>
    <message>
        <source>Exit the app</source>
        <translation>App beenden</translation>
    </message>
    <message>
        <source>Back to check-in</source>
        <translation>Zurück zur Anmeldung</translation>
    </message>
    <message>
        <source>Visit %1: scanned here at %2, first used at %3 by %4</source>
        <translation>Besuch %1: hier gescannt um %2, zuerst genutzt um %3 von %4</translation>
    </message>
</context>
<context>
    <name>AdminPinScreen</name>
    <message>
        <source>Staff only</source>
        <translation>Nur für Personal</translation>
    </message>
    <message>
        <source>Checking the PIN…</source>
        <translation>PIN wird geprüft …</translation>
    </message>
    <message>
        <source>Enter the admin PIN.</source>
        <translation>Bitte die Admin-PIN eingeben.</translation>
    </message>
    <message>
        <source>Back to check-in</source>
        <translation>Zurück zur Anmeldung</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n try/tries left.</source>
        <translation>
            <numerusform>Falsche PIN. Noch %n Versuch.</numerusform>
            <numerusform>Falsche PIN. Noch %n Versuche.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many wrong tries. Locked until %1.</source>
        <translation>Zu viele Fehlversuche. Gesperrt bis %1 Uhr.</translation>
    </message>
    <message>
        <source>No admin PIN is set on this kiosk. Pair it again to choose one.</source>
        <translation>Auf diesem Terminal ist keine Admin-PIN gesetzt. Koppeln Sie es neu, um eine zu wählen.</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Welcome to %1</source>
        <translation>Willkommen bei %1</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <source>Visiting us? Show your QR code to the camera to check in.</source>
        <translation>Sie besuchen uns? Halten Sie Ihren QR-Code vor die Kamera, um sich anzumelden.</translation>
    </message>
    <message>
        <source>Touch the screen to start</source>
        <translation>Zum Starten den Bildschirm berühren</translation>
    </message>
</context>
<context>
    <name>CameraTroubleScreen</name>
    <message>
        <source>The camera is not working</source>
        <translation>Die Kamera funktioniert nicht</translation>
    </message>
    <message>
        <source>Please see reception. The kiosk keeps trying and will be back by itself.</source>
        <translation>Bitte wenden Sie sich an den Empfang. Das Terminal versucht es weiter und ist gleich von selbst wieder da.</translation>
    </message>
    <message>
        <source>For staff: check that the camera is plugged in and not used by another program. Trying again every few seconds…</source>
        <translation>Für das Personal: Bitte prüfen, ob die Kamera angeschlossen ist und kein anderes Programm sie benutzt. Neuer Versuch alle paar Sekunden …</translation>
    </message>
</context>
<context>
    <name>CheckoutListScreen</name>
    <message>
        <source>Check out without a code</source>
        <translation>Ohne Code abmelden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Tap your name. Only visitors without a code are listed.</source>
        <translation>Tippen Sie auf Ihren Namen. Aufgeführt sind nur Besucher ohne Code.</translation>
    </message>
    <message>
        <source>No visitors without a code are checked in here today. Please see reception.</source>
        <translation>Heute ist hier kein Besucher ohne Code angemeldet. Bitte wenden Sie sich an den Empfang.</translation>
    </message>
</context>
<context>
    <name>DocumentPage</name>
    <message>
        <source>Swipe up to read on. Then tap Continue to sign.</source>
        <translation>Nach oben wischen, um weiterzulesen. Dann auf „Weiter zur Unterschrift“ tippen.</translation>
    </message>
    <message>
        <source>Read it through, then tap Continue to sign.</source>
        <translation>Lesen Sie alles durch, dann auf „Weiter zur Unterschrift“ tippen.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Continue to sign</source>
        <translation>Weiter zur Unterschrift</translation>
    </message>
</context>
<context>
    <name>HostPickerScreen</name>
    <message>
        <source>Who are you visiting?</source>
        <translation>Wen besuchen Sie?</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Type your host&apos;s name</source>
        <translation>Namen Ihres Gastgebers eingeben</translation>
    </message>
    <message>
        <source>Nobody here is called “%1”. Check the spelling, or see reception.</source>
        <translation>Hier heißt niemand „%1“. Prüfen Sie die Schreibweise oder wenden Sie sich an den Empfang.</translation>
    </message>
    <message>
        <source>No hosts are listed for this site. Please see reception.</source>
        <translation>Für diesen Standort sind keine Gastgeber hinterlegt. Bitte wenden Sie sich an den Empfang.</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>space</source>
        <translation>Leertaste</translation>
    </message>
    <message>
        <source>Capital letter</source>
        <translation>Großbuchstabe</translation>
    </message>
</context>
<context>
    <name>Pairing</name>
    <message>
        <source>This code is wrong or has expired. Ask for a new code and enter it again.</source>
        <translation>Dieser Code ist falsch oder abgelaufen. Bitte einen neuen Code anfordern und erneut eingeben.</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait %n seconds and try again.</source>
        <translation>Zu viele Versuche. Bitte %n Sekunden warten und es erneut versuchen.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the address and the network connection.</source>
        <translation>Der Server ist nicht erreichbar. Bitte Adresse und Netzwerkverbindung prüfen.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted. Check the address, or give the kiosk the server&apos;s CA certificate (ca_cert in kiosk.toml, or --ca-cert when pairing from the command line).</source>
        <translation>Dem Zertifikat des Servers wird nicht vertraut. Bitte die Adresse prüfen oder dem Terminal das CA-Zertifikat des Servers geben (ca_cert in kiosk.toml oder --ca-cert beim Koppeln über die Kommandozeile).</translation>
    </message>
    <message>
        <source>The server reported a problem. Please try again shortly.</source>
        <translation>Der Server meldet ein Problem. Bitte gleich noch einmal versuchen.</translation>
    </message>
    <message>
        <source>This kiosk is already paired. Unpair it first.</source>
        <translation>Dieses Terminal ist bereits gekoppelt. Bitte zuerst entkoppeln.</translation>
    </message>
    <message>
        <source>Enter the server address, starting with https://</source>
        <translation>Bitte die Serveradresse eingeben, beginnend mit https://</translation>
    </message>
    <message>
        <source>The pairing code has 6 digits.</source>
        <translation>Der Kopplungscode hat 6 Ziffern.</translation>
    </message>
    <message>
        <source>The admin PIN needs 4 to 8 digits.</source>
        <translation>Die Admin-PIN braucht 4 bis 8 Ziffern.</translation>
    </message>
    <message>
        <source>Press OK again to keep this PIN.</source>
        <translation>Drücken Sie erneut OK, um diese PIN zu behalten.</translation>
    </message>
    <message>
        <source>The two PINs were different. Please choose the PIN again.</source>
        <translation>Die beiden PINs waren verschieden. Bitte die PIN neu wählen.</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait a second and try again.</source>
        <translation>Zu viele Versuche. Bitte eine Sekunde warten und es erneut versuchen.</translation>
    </message>
    <message>
        <source>A %1-digit PIN can be found in about %n minutes from a stolen copy of this kiosk&apos;s data. 6 to 8 digits are recommended.</source>
        <translation>Eine %1-stellige PIN lässt sich aus einer entwendeten Kopie der Terminaldaten in etwa %n Minuten herausfinden. Empfohlen sind 6 bis 8 Ziffern.</translation>
    </message>
    <message>
        <source>A %1-digit PIN can be found in about %n hours from a stolen copy of this kiosk&apos;s data. 6 to 8 digits are recommended.</source>
        <translation>Eine %1-stellige PIN lässt sich aus einer entwendeten Kopie der Terminaldaten in etwa %n Stunden herausfinden. Empfohlen sind 6 bis 8 Ziffern.</translation>
    </message>
</context>
<context>
    <name>PairingScreen</name>
    <message>
        <source>Set up this kiosk</source>
        <translation>Terminal einrichten</translation>
    </message>
    <message>
        <source>Enter the 6-digit pairing code from the Atrium server, then choose an admin PIN for staff.</source>
        <translation>Geben Sie den 6-stelligen Kopplungscode vom Atrium-Server ein und wählen Sie dann eine Admin-PIN für das Personal.</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>Kopplungscode</translation>
    </message>
    <message>
        <source>Choose an admin PIN (6 to 8 digits)</source>
        <translation>Admin-PIN wählen (6 bis 8 Ziffern)</translation>
    </message>
    <message>
        <source>Enter the admin PIN again</source>
        <translation>Admin-PIN wiederholen</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>Verbindung zum Server …</translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message>
        <source>I have no code</source>
        <translation>Ich habe keinen Code</translation>
    </message>
    <message>
        <source>Check-out</source>
        <translation>Abmeldung</translation>
    </message>
    <message>
        <source>Hold the code you checked in with up to the camera</source>
        <translation>Halten Sie den Code, mit dem Sie sich angemeldet haben, vor die Kamera</translation>
    </message>
    <message>
        <source>Back to check-in</source>
        <translation>Zurück zur Anmeldung</translation>
    </message>
    <message>
        <source>Visitor check-in</source>
        <translation>Besucheranmeldung</translation>
    </message>
    <message>
        <source>Hold your QR code up to the camera</source>
        <translation>Halten Sie Ihren QR-Code vor die Kamera</translation>
    </message>
    <message>
        <source>Leaving? Check out</source>
        <translation>Sie gehen? Abmelden</translation>
    </message>
</context>
<context>
    <name>SignaturePage</name>
    <message>
        <source>Please sign here</source>
        <translation>Bitte hier unterschreiben</translation>
    </message>
    <message>
        <source>By signing you accept: %1</source>
        <translation>Mit Ihrer Unterschrift akzeptieren Sie: %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Sign and continue</source>
        <translation>Unterschreiben und weiter</translation>
    </message>
</context>
<context>
    <name>Signing</name>
    <message>
        <source>Document %1 of %2</source>
        <translation>Dokument %1 von %2</translation>
    </message>
</context>
<context>
    <name>SigningScreen</name>
    <message>
        <source>Still there? Touch the screen within %1 s to carry on.</source>
        <translation>Noch da? Berühren Sie den Bildschirm innerhalb von %1 s, um fortzufahren.</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde …</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message numerus="yes">
        <source>%n check-in(s) waiting to be sent</source>
        <translation>
            <numerusform>%n Anmeldung wartet auf Versand</numerusform>
            <numerusform>%n Anmeldungen warten auf Versand</numerusform>
        </translation>
    </message>
    <message>
        <source>All check-ins sent</source>
        <translation>Alle Anmeldungen gesendet</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Letzter Abgleich: %1</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Noch nicht abgeglichen</translation>
    </message>
    <message>
        <source>Trust data out of date</source>
        <translation>Vertrauensdaten veraltet</translation>
    </message>
    <message>
        <source>Clock differs from the server</source>
        <translation>Uhrzeit weicht vom Server ab</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n Konflikt</numerusform>
            <numerusform>%n Konflikte</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>The server cannot be reached.</source>
        <translation>Der Server ist nicht erreichbar.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted.</source>
        <translation>Dem Zertifikat des Servers wird nicht vertraut.</translation>
    </message>
    <message>
        <source>The server no longer accepts this kiosk.</source>
        <translation>Der Server akzeptiert dieses Terminal nicht mehr.</translation>
    </message>
    <message>
        <source>The server asked the kiosk to wait; it tries again later.</source>
        <translation>Der Server bittet um eine Pause; das Terminal versucht es später erneut.</translation>
    </message>
    <message>
        <source>The server refused the request.</source>
        <translation>Der Server hat die Anfrage abgelehnt.</translation>
    </message>
    <message>
        <source>The server had a problem; the kiosk tries again later.</source>
        <translation>Der Server hatte ein Problem; das Terminal versucht es später erneut.</translation>
    </message>
    <message>
        <source>The kiosk cannot write its database; free some disk space.</source>
        <translation>Das Terminal kann seine Datenbank nicht schreiben; bitte Speicherplatz freigeben.</translation>
    </message>
    <message>
        <source>The device token cannot be read; unpair and pair again.</source>
        <translation>Das Geräte-Token ist nicht lesbar; bitte entkoppeln und neu koppeln.</translation>
    </message>
    <message>
        <source>This kiosk is not paired.</source>
        <translation>Dieses Terminal ist nicht gekoppelt.</translation>
    </message>
    <message>
        <source>The last sync failed; the kiosk tries again.</source>
        <translation>Der letzte Abgleich ist fehlgeschlagen; das Terminal versucht es erneut.</translation>
    </message>
</context>
<context>
    <name>SyncBox</name>
    <message>
        <source>Sync now</source>
        <translation>Jetzt abgleichen</translation>
    </message>
    <message>
        <source>Syncing with the server…</source>
        <translation>Abgleich mit dem Server läuft…</translation>
    </message>
    <message>
        <source>Still waiting for the server; the kiosk keeps trying.</source>
        <translation>Der Server antwortet noch nicht; das Terminal versucht es weiter.</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>Abgleich fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n check-in(s) sent</source>
        <translation>
            <numerusform>%n Anmeldung gesendet</numerusform>
            <numerusform>%n Anmeldungen gesendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n used elsewhere first</source>
        <translation>
            <numerusform>%n zuerst anderswo benutzt</numerusform>
            <numerusform>%n zuerst anderswo benutzt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n wartend</numerusform>
            <numerusform>%n wartend</numerusform>
        </translation>
    </message>
    <message>
        <source>Synced at %1.</source>
        <translation>Abgeglichen um %1.</translation>
    </message>
</context>
<context>
    <name>UnpairedScreen</name>
    <message>
        <source>This kiosk is not connected</source>
        <translation>Dieses Terminal ist nicht verbunden</translation>
    </message>
    <message>
        <source>Check-in is not available here right now. Please see reception.</source>
        <translation>Die Anmeldung ist hier gerade nicht möglich. Bitte wenden Sie sich an den Empfang.</translation>
    </message>
    <message>
        <source>For staff: the server removed this kiosk. Visitor names were deleted; check-ins not yet sent are kept on the kiosk and can be saved with “atrium-kiosk export-queue FILE”.</source>
        <translation>Für das Personal: Der Server hat dieses Terminal entfernt. Die Besuchernamen wurden gelöscht; noch nicht gesendete Anmeldungen bleiben auf dem Terminal und lassen sich mit „atrium-kiosk export-queue DATEI“ sichern.</translation>
    </message>
    <message>
        <source>Set up this kiosk again</source>
        <translation>Terminal neu einrichten</translation>
    </message>
</context>
<context>
    <name>VerdictScreen</name>
    <message>
        <source>Touch the screen to continue</source>
        <translation>Zum Fortfahren den Bildschirm berühren</translation>
    </message>
    <message>
        <source>Check out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Check-in not possible</source>
        <translation>Anmeldung nicht möglich</translation>
    </message>
    <message>
        <source>This kiosk cannot record check-ins right now. Please see reception.</source>
        <translation>Dieses Terminal kann gerade keine Anmeldungen speichern. Bitte wenden Sie sich an den Empfang.</translation>
    </message>
</context>
<context>
    <name>Verdicts</name>
    <message>
        <source>Welcome!</source>
        <translation>Willkommen!</translation>
    </message>
    <message>
        <source>You are checked in.</source>
        <translation>Sie sind angemeldet.</translation>
    </message>
    <message>
        <source>Already checked in</source>
        <translation>Bereits angemeldet</translation>
    </message>
    <message>
        <source>This code has already been used to check in.</source>
        <translation>Dieser Code wurde bereits zur Anmeldung verwendet.</translation>
    </message>
    <message>
        <source>Code expired</source>
        <translation>Code abgelaufen</translation>
    </message>
    <message>
        <source>This code has expired. Please see reception.</source>
        <translation>Dieser Code ist abgelaufen. Bitte wenden Sie sich an den Empfang.</translation>
    </message>
    <message>
        <source>Not valid yet</source>
        <translation>Noch nicht gültig</translation>
    </message>
    <message>
        <source>This code is not valid yet. Please see reception.</source>
        <translation>Dieser Code ist noch nicht gültig. Bitte wenden Sie sich an den Empfang.</translation>
    </message>
    <message>
        <source>Visit cancelled</source>
        <translation>Besuch abgesagt</translation>
    </message>
    <message>
        <source>This visit has been cancelled. Please see reception.</source>
        <translation>Dieser Besuch wurde abgesagt. Bitte wenden Sie sich an den Empfang.</translation>
    </message>
    <message>
        <source>Another site</source>
        <translation>Anderer Standort</translation>
    </message>
    <message>
        <source>This code is for another site. Please see reception.</source>
        <translation>Dieser Code gilt für einen anderen Standort. Bitte wenden Sie sich an den Empfang.</translation>
    </message>
    <message>
        <source>Another building</source>
        <translation>Anderes Gebäude</translation>
    </message>
    <message>
        <source>This code is not for this building. Please see reception.</source>
        <translation>Dieser Code gilt nicht für dieses Gebäude. Bitte wenden Sie sich an den Empfang.</translation>
    </message>
    <message>
        <source>Code cannot be checked</source>
        <translation>Code nicht prüfbar</translation>
    </message>
    <message>
        <source>This code cannot be checked here. Please see reception.</source>
        <translation>Dieser Code kann hier nicht geprüft werden. Bitte wenden Sie sich an den Empfang.</translation>
    </message>
    <message>
        <source>Code not valid</source>
        <translation>Code ungültig</translation>
    </message>
    <message>
        <source>This code is not valid. Please see reception.</source>
        <translation>Dieser Code ist ungültig. Bitte wenden Sie sich an den Empfang.</translation>
    </message>
    <message>
        <source>Please try again</source>
        <translation>Bitte noch einmal versuchen</translation>
    </message>
    <message>
        <source>Hold the code still, a little further from the camera.</source>
        <translation>Halten Sie den Code ruhig, etwas weiter weg von der Kamera.</translation>
    </message>
    <message>
        <source>Not an Atrium code</source>
        <translation>Kein Atrium-Code</translation>
    </message>
    <message>
        <source>Please show the visitor code from your invitation.</source>
        <translation>Bitte zeigen Sie den Besuchercode aus Ihrer Einladung.</translation>
    </message>
    <message>
        <source>Kiosk not set up</source>
        <translation>Terminal nicht eingerichtet</translation>
    </message>
    <message>
        <source>This kiosk is not set up yet. Please see reception.</source>
        <translation>Dieses Terminal ist noch nicht eingerichtet. Bitte wenden Sie sich an den Empfang.</translation>
    </message>
    <message>
        <source>Kiosk offline too long</source>
        <translation>Terminal zu lange offline</translation>
    </message>
    <message>
        <source>This kiosk cannot check codes until it has reached the server again. Please see reception.</source>
        <translation>Dieses Terminal kann erst wieder Codes prüfen, wenn es den Server erreicht hat. Bitte wenden Sie sich an den Empfang.</translation>
    </message>
    <message>
        <source>Documents to sign</source>
        <translation>Dokumente zum Unterschreiben</translation>
    </message>
    <message>
        <source>Please read and sign this site&apos;s documents on the kiosk screen first.</source>
        <translation>Bitte lesen und unterschreiben Sie zuerst die Dokumente dieses Standorts am Bildschirm des Terminals.</translation>
    </message>
    <message>
        <source>Goodbye!</source>
        <translation>Auf Wiedersehen!</translation>
    </message>
    <message>
        <source>Thank you for visiting.</source>
        <translation>Vielen Dank für Ihren Besuch.</translation>
    </message>
    <message>
        <source>Not checked in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>This code has not been used to check in. Please see reception.</source>
        <translation>Mit diesem Code wurde noch nicht angemeldet. Bitte wenden Sie sich an den Empfang.</translation>
    </message>
    <message>
        <source>Already checked out</source>
        <translation>Bereits abgemeldet</translation>
    </message>
    <message>
        <source>You have already checked out.</source>
        <translation>Sie haben sich bereits abgemeldet.</translation>
    </message>
    <message>
        <source>This code is valid from {time}. Please see reception.</source>
        <translation>Dieser Code gilt ab {time} Uhr. Bitte wenden Sie sich an den Empfang.</translation>
    </message>
    <message>
        <source>This code is valid from {time} on {date}. Please see reception.</source>
        <translation>Dieser Code gilt ab {date}, {time} Uhr. Bitte wenden Sie sich an den Empfang.</translation>
    </message>
    <message>
        <source>This code was valid until {time}. Please see reception.</source>
        <translation>Dieser Code galt bis {time} Uhr. Bitte wenden Sie sich an den Empfang.</translation>
    </message>
    <message>
        <source>This code was valid until {time} on {date}. Please see reception.</source>
        <translation>Dieser Code galt bis {date}, {time} Uhr. Bitte wenden Sie sich an den Empfang.</translation>
    </message>
    <message>
        <source>You checked in here at {time}.</source>
        <translation>Sie haben sich hier um {time} Uhr angemeldet.</translation>
    </message>
    <message>
        <source>You checked in here at {time} on {date}.</source>
        <translation>Sie haben sich hier am {date} um {time} Uhr angemeldet.</translation>
    </message>
    <message>
        <source>Welcome, {name}!</source>
        <translation>Willkommen, {name}!</translation>
    </message>
    <message>
        <source>Goodbye, {name}!</source>
        <translation>Auf Wiedersehen, {name}!</translation>
    </message>
    <message>
        <source>Leaving? Tap Check out.</source>
        <translation>Sie gehen? Tippen Sie auf Abmelden.</translation>
    </message>
    <message>
        <source>Your host: {name}</source>
        <translation>Ihr Gastgeber: {name}</translation>
    </message>
    <message>
        <source>For staff: the kiosk&apos;s keys and cancellations are out of date. Connect it to the network; it syncs by itself (or use Sync now in the admin panel).</source>
        <translation>Für das Personal: Die Schlüssel und Absagen des Terminals sind veraltet. Bitte mit dem Netzwerk verbinden; es gleicht sich selbst ab (oder „Jetzt abgleichen“ in der Verwaltung).</translation>
    </message>
    <message>
        <source>For staff: pair this kiosk with the Atrium server.</source>
        <translation>Für das Personal: Bitte dieses Terminal mit dem Atrium-Server koppeln.</translation>
    </message>
    <message>
        <source>%H:%M</source>
        <translation>%H:%M</translation>
    </message>
    <message>
        <source>%d %b</source>
        <translation>%d.%m.</translation>
    </message>
    <message>
        <source>Jan</source>
        <translation>Jan.</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>Feb.</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>März</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>Apr.</translation>
    </message>
    <message>
        <source>May</source>
        <translation>Mai</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>Juni</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>Juli</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>Aug.</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>Sep.</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>Okt.</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>Nov.</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>Dez.</translation>
    </message>
</context>
<context>
    <name>Visits</name>
    <message>
        <source>Please type your full name.</source>
        <translation>Bitte geben Sie Ihren vollständigen Namen ein.</translation>
    </message>
    <message>
        <source>The company name is too long; please shorten it.</source>
        <translation>Der Firmenname ist zu lang; bitte kürzen Sie ihn.</translation>
    </message>
    <message>
        <source>Please pick the person you are visiting from the list.</source>
        <translation>Bitte wählen Sie die Person, die Sie besuchen, aus der Liste.</translation>
    </message>
    <message>
        <source>This site does not take visitors without a code. Please see reception.</source>
        <translation>Dieser Standort empfängt keine Besucher ohne Code. Bitte wenden Sie sich an den Empfang.</translation>
    </message>
    <message>
        <source>Please see reception.</source>
        <translation>Bitte wenden Sie sich an den Empfang.</translation>
    </message>
    <message>
        <source>Thank you, {name}. {host} knows you are here.</source>
        <translation>Vielen Dank, {name}. {host} weiß, dass Sie da sind.</translation>
    </message>
    <message>
        <source>Thank you. {host} knows you are here.</source>
        <translation>Vielen Dank. {host} weiß, dass Sie da sind.</translation>
    </message>
    <message>
        <source>Please take a seat; reception will be with you shortly.</source>
        <translation>Bitte nehmen Sie Platz; der Empfang ist gleich für Sie da.</translation>
    </message>
</context>
<context>
    <name>WalkInDoneScreen</name>
    <message>
        <source>Touch the screen to continue</source>
        <translation>Zum Fortfahren den Bildschirm berühren</translation>
    </message>
    <message>
        <source>One moment, please…</source>
        <translation>Einen Moment bitte …</translation>
    </message>
    <message>
        <source>Check-in not possible</source>
        <translation>Anmeldung nicht möglich</translation>
    </message>
    <message>
        <source>This kiosk cannot record check-ins right now. Please see reception.</source>
        <translation>Dieses Terminal kann gerade keine Anmeldungen speichern. Bitte wenden Sie sich an den Empfang.</translation>
    </message>
</context>
<context>
    <name>WalkInNameScreen</name>
    <message>
        <source>Check in without a code</source>
        <translation>Ohne Code anmelden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <source>Company (optional)</source>
        <translation>Firma (optional)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
</context>
</TS>
