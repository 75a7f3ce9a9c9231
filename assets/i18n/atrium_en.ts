<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AdminPanelScreen</name>
    <message>
        <source>Kiosk administration</source>
        <translation>Kiosk administration</translation>
    </message>
    <message>
        <source>Kiosk name</source>
        <translation>Kiosk name</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connection</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <source>Last problem</source>
        <translation>Last problem</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
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
            <numerusform>%n check-in</numerusform>
            <numerusform>%n check-ins</numerusform>
        </translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message numerus="yes">
        <source>Conflicts: passes used twice while offline (%n)</source>
        <translation>
            <numerusform>Conflicts: passes used twice while offline (%n)</numerusform>
            <numerusform>Conflicts: passes used twice while offline (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>QR decoder</source>
        <translation>QR decoder</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Press again to unpair</source>
        <translation>Press again to unpair</translation>
    </message>
    <message>
        <source>Unpair this kiosk</source>
        <translation>Unpair this kiosk</translation>
    </message>
    <message>
        <source>Exit the app</source>
        <translation>Exit the app</translation>
    </message>
    <message>
        <source>Back to check-in</source>
        <translation>Back to check-in</translation>
    </message>
    <message>
        <source>The server cannot be reached.</source>
        <translation>The server cannot be reached.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted.</source>
        <translation>The server&apos;s certificate is not trusted.</translation>
    </message>
    <message>
        <source>The server no longer accepts this kiosk.</source>
        <translation>The server no longer accepts this kiosk.</translation>
    </message>
    <message>
        <source>The server asked the kiosk to wait; it tries again later.</source>
        <translation>The server asked the kiosk to wait; it tries again later.</translation>
    </message>
    <message>
        <source>The server refused the request.</source>
        <translation>The server refused the request.</translation>
    </message>
    <message>
        <source>The server had a problem; the kiosk tries again later.</source>
        <translation>The server had a problem; the kiosk tries again later.</translation>
    </message>
    <message>
        <source>The kiosk cannot write its database; free some disk space.</source>
        <translation>The kiosk cannot write its database; free some disk space.</translation>
    </message>
    <message>
        <source>The device token cannot be read; unpair and pair again.</source>
        <translation>The device token cannot be read; unpair and pair again.</translation>
    </message>
    <message>
        <source>This kiosk is not paired.</source>
        <translation>This kiosk is not paired.</translation>
    </message>
    <message>
        <source>The last sync failed; the kiosk tries again.</source>
        <translation>The last sync failed; the kiosk tries again.</translation>
    </message>
    <message>
        <source>Visit %1: scanned here at %2, first used at %3 by %4</source>
        <translation>Visit %1: scanned here at %2, first used at %3 by %4</translation>
    </message>
</context>
<context>
    <name>AdminPinScreen</name>
    <message>
        <source>Staff only</source>
        <translation>Staff only</translation>
    </message>
    <message>
        <source>Checking the PIN…</source>
        <translation>Checking the PIN…</translation>
    </message>
    <message>
        <source>Enter the admin PIN.</source>
        <translation>Enter the admin PIN.</translation>
    </message>
    <message>
        <source>Back to check-in</source>
        <translation>Back to check-in</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n try/tries left.</source>
        <translation>
            <numerusform>Wrong PIN. %n try left.</numerusform>
            <numerusform>Wrong PIN. %n tries left.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many wrong tries. Locked until %1.</source>
        <translation>Too many wrong tries. Locked until %1.</translation>
    </message>
    <message>
        <source>No admin PIN is set on this kiosk. Pair it again to choose one.</source>
        <translation>No admin PIN is set on this kiosk. Pair it again to choose one.</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Welcome to %1</source>
        <translation>Welcome to %1</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>Visiting us? Show your QR code to the camera to check in.</source>
        <translation>Visiting us? Show your QR code to the camera to check in.</translation>
    </message>
    <message>
        <source>Touch the screen to start</source>
        <translation>Touch the screen to start</translation>
    </message>
</context>
<context>
    <name>CameraTroubleScreen</name>
    <message>
        <source>The camera is not working</source>
        <translation>The camera is not working</translation>
    </message>
    <message>
        <source>Please see reception. The kiosk keeps trying and will be back by itself.</source>
        <translation>Please see reception. The kiosk keeps trying and will be back by itself.</translation>
    </message>
    <message>
        <source>Trying again every few seconds…</source>
        <translation>Trying again every few seconds…</translation>
    </message>
</context>
<context>
    <name>PairingScreen</name>
    <message>
        <source>Set up this kiosk</source>
        <translation>Set up this kiosk</translation>
    </message>
    <message>
        <source>Enter the 6-digit pairing code from the Atrium server, then choose an admin PIN for staff.</source>
        <translation>Enter the 6-digit pairing code from the Atrium server, then choose an admin PIN for staff.</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>Pairing code</translation>
    </message>
    <message>
        <source>Choose an admin PIN (6 to 8 digits)</source>
        <translation>Choose an admin PIN (6 to 8 digits)</translation>
    </message>
    <message>
        <source>Enter the admin PIN again</source>
        <translation>Enter the admin PIN again</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>Connecting to the server…</translation>
    </message>
    <message numerus="yes">
        <source>A %1-digit PIN can be found in about %n hour(s) from a stolen copy of this kiosk&apos;s data. 6 to 8 digits are recommended; press OK again to keep this PIN.</source>
        <translation>
            <numerusform>A %1-digit PIN can be found in about %n hour from a stolen copy of this kiosk&apos;s data. 6 to 8 digits are recommended; press OK again to keep this PIN.</numerusform>
            <numerusform>A %1-digit PIN can be found in about %n hours from a stolen copy of this kiosk&apos;s data. 6 to 8 digits are recommended; press OK again to keep this PIN.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts. Please wait %n second(s) and try again.</source>
        <translation>
            <numerusform>Too many attempts. Please wait %n second and try again.</numerusform>
            <numerusform>Too many attempts. Please wait %n seconds and try again.</numerusform>
        </translation>
    </message>
    <message>
        <source>This code is wrong or has expired. Ask for a new code and enter it again.</source>
        <translation>This code is wrong or has expired. Ask for a new code and enter it again.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the address and the network connection.</source>
        <translation>The server cannot be reached. Check the address and the network connection.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted. Check the address, or install the server&apos;s CA certificate on this kiosk.</source>
        <translation>The server&apos;s certificate is not trusted. Check the address, or install the server&apos;s CA certificate on this kiosk.</translation>
    </message>
    <message>
        <source>The server reported a problem. Please try again shortly.</source>
        <translation>The server reported a problem. Please try again shortly.</translation>
    </message>
    <message>
        <source>Enter the server address, starting with https://</source>
        <translation>Enter the server address, starting with https://</translation>
    </message>
    <message>
        <source>The pairing code has 6 digits.</source>
        <translation>The pairing code has 6 digits.</translation>
    </message>
    <message>
        <source>The admin PIN needs 4 to 8 digits.</source>
        <translation>The admin PIN needs 4 to 8 digits.</translation>
    </message>
    <message>
        <source>The two PINs were different. Please choose the PIN again.</source>
        <translation>The two PINs were different. Please choose the PIN again.</translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message>
        <source>Visitor check-in</source>
        <translation>Visitor check-in</translation>
    </message>
    <message>
        <source>Hold your QR code up to the camera</source>
        <translation>Hold your QR code up to the camera</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
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
            <numerusform>%n check-in waiting to be sent</numerusform>
            <numerusform>%n check-ins waiting to be sent</numerusform>
        </translation>
    </message>
    <message>
        <source>All check-ins sent</source>
        <translation>All check-ins sent</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Last sync: %1</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <source>Trust data out of date</source>
        <translation>Trust data out of date</translation>
    </message>
    <message>
        <source>Clock differs from the server</source>
        <translation>Clock differs from the server</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnpairedScreen</name>
    <message>
        <source>This kiosk is not connected</source>
        <translation>This kiosk is not connected</translation>
    </message>
    <message>
        <source>Check-in is not available here right now. Please see reception.</source>
        <translation>Check-in is not available here right now. Please see reception.</translation>
    </message>
    <message>
        <source>For staff: the server removed this kiosk. Its local visitor data was deleted.</source>
        <translation>For staff: the server removed this kiosk. Its local visitor data was deleted.</translation>
    </message>
    <message>
        <source>Set up this kiosk again</source>
        <translation>Set up this kiosk again</translation>
    </message>
</context>
<context>
    <name>VerdictScreen</name>
    <message>
        <source>Touch the screen to continue</source>
        <translation>Touch the screen to continue</translation>
    </message>
    <message>
        <source>Check-in not possible</source>
        <translation>Check-in not possible</translation>
    </message>
    <message>
        <source>This kiosk cannot record check-ins right now. Please see reception.</source>
        <translation>This kiosk cannot record check-ins right now. Please see reception.</translation>
    </message>
    <message>
        <source>You are checked in.</source>
        <translation>You are checked in.</translation>
    </message>
    <message>
        <source>Your host: %1</source>
        <translation>Your host: %1</translation>
    </message>
    <message>
        <source>Already used</source>
        <translation>Already used</translation>
    </message>
    <message>
        <source>Code expired</source>
        <translation>Code expired</translation>
    </message>
    <message>
        <source>Not valid yet</source>
        <translation>Not valid yet</translation>
    </message>
    <message>
        <source>Visit cancelled</source>
        <translation>Visit cancelled</translation>
    </message>
    <message>
        <source>Another location</source>
        <translation>Another location</translation>
    </message>
    <message>
        <source>Another building</source>
        <translation>Another building</translation>
    </message>
    <message>
        <source>Code cannot be checked</source>
        <translation>Code cannot be checked</translation>
    </message>
    <message>
        <source>Code not valid</source>
        <translation>Code not valid</translation>
    </message>
    <message>
        <source>Code damaged</source>
        <translation>Code damaged</translation>
    </message>
    <message>
        <source>Not an Atrium code</source>
        <translation>Not an Atrium code</translation>
    </message>
    <message>
        <source>Kiosk not set up</source>
        <translation>Kiosk not set up</translation>
    </message>
    <message>
        <source>Kiosk needs an update</source>
        <translation>Kiosk needs an update</translation>
    </message>
    <message>
        <source>Please see reception</source>
        <translation>Please see reception</translation>
    </message>
</context>
</TS>
